"""The document model: what every output format is rendered from."""
