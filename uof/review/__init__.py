"""Review and accountability: the report workflow, corrections with reasons, missing reports."""
