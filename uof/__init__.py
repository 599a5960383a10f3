"""uof: record, review, analyse and publish police use of force."""
