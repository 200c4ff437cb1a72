"""The output formats: each turns a document model into the bytes of one file."""
