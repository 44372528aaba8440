"""Typed errors of extraction; the CLI and flows turn them into one-line messages."""


class ExtractionError(Exception):
    """A document could not be turned into text (corrupt, empty, encrypted, unsupported)."""


class ModelNotInstalled(ExtractionError):
    """The spaCy model is missing; the message says which package installs it."""
