"""reportgen: periodic UN reports and briefs from a store of YAML content blocks."""

__version__ = "0.1.0"
