"""scrutiny."""
