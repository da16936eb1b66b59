"""One error tree for the whole pipeline (as geopy's GeopyError)."""


class PipelineError(Exception):
    """Base of every error the pipeline raises on purpose."""


class InputError(PipelineError):
    """An input file cannot be read at all (a single bad record is a reject, not this)."""


class SchemaViolation(PipelineError):
    """A table about to be written breaks its schema in schemas/."""


class GeocoderError(PipelineError):
    """An online geocoder failed; callers fall back to the offline gazetteer."""
