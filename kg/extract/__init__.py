"""Attribution extraction over UD dependency parses.

Stages, one module each: ``cues`` finds verbs of saying and source frames,
``content`` finds what was said, ``sources`` finds who said it, ``chains``
links frames into reporting chains, ``about`` and ``time`` fill in whom the
claim is about and when it was made, ``assemble`` runs them in order.
"""

from kg.extract.assemble import extract

__all__ = ["extract"]
