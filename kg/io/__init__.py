"""Reading inputs from disk and writing outputs: documents (``documents``) for now."""

from kg.io.documents import iter_documents, load_manifest, read_documents

__all__ = ["iter_documents", "load_manifest", "read_documents"]
