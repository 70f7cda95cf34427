"""Workshops and their attendance sheets ("feuilles d'émargement"), without Qt.

- ``models``: the tables (workshop, session, enrolment, the append-only attendance trail)
- ``planning``: workshops, sessions (weekly series), enrolment, with the refusals
- ``halfdays``: the signing slots of a session (split at 13:00)
- ``signatures``: strokes from the pad, validated and packed
- ``attendance``: signing, marks set by staff, late/early times, the check-in at the door
- ``sheet``: the sheet as data, closing and sealing it, verifying the seal
- ``counts``: the yearly counts for funders; ``retention``: keeping and purging strokes
- ``pdf``: the attendance sheet and the certificate of attendance as PDF (reportlab)
"""
