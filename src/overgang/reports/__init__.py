"""Reports: the status report for the council, decision letters, handover and transfer lists,
the consultation compilation and the scenario comparison. See docs/reports.md."""
