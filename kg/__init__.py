"""kg: a claim-attribution knowledge graph for news.

Who said what, about whom, when, and who reported it — extracted from
articles with stanza dependency parses and stored as RDF.
"""

__version__ = "0.1.0"
