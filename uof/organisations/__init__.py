"""Forces, collaborations, districts and custody suites: configuration, not code."""
