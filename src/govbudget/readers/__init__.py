"""Readers: files (text, .docx, .xlsx, .pdf) → a raw layout → typed disclosures."""
