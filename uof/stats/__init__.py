"""Statistics: every published figure, with its counting unit, from a compact analytical copy."""
