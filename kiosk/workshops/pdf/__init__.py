"""The workshops' PDFs, drawn with reportlab (pure Python, BSD, packaged by Debian as
python3-reportlab): it runs the same on the kiosk and on the server, which has no Qt.
Its canvas draws the signatures as vector paths (crisp at any zoom), embeds a subset of
DejaVu Sans so French accents print and the text stays selectable.

- ``sheet``: the attendance sheet of a session ("feuille d'émargement")
- ``certificate``: a trainee's certificate of attendance
- ``drawing``: fonts, dates and the pieces both use; ``words``: French and English
"""
