"""The commands, one module each, named after the command: what ``reportgen <name>``
does beyond parsing its options (reportgen.cli registers every command in one place,
and imports a command's module only when that command runs)."""
