"""People who use uof: officers and staff, each belonging to one force."""
