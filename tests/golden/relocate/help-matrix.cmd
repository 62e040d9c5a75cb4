relocate matrix --help
