"""Loaders and serializers: files → raw documents → typed disclosures, and back out."""
