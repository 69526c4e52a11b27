"""Formats: the typed model to and from JSON, long CSV, a JSON Schema and a Fiscal Data Package."""
