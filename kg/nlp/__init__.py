"""NLP back ends. ``kg.nlp.stanza`` is the only module that imports stanza."""
