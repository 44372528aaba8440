"""Facts: words/second of our whole fact extraction against bare ``nlp.pipe``, at 1 and 2 processes.

Ours is ``add_facts`` over generated Documents: spaCy with our components
(gazetteer entities, domain terms) and then the rules that read posts, grades
and events. The baseline pipes the same texts through the same spaCy model with
the same base components enabled (``tok2vec``, tagger, parser, NER...), without
ours, so the ratio is the price of everything we add on top of spaCy.
"""

from __future__ import annotations

import copy

from scrutiny.benchmarks.generate import make_article
from scrutiny.benchmarks.report import Result, chunked, compare_chunks, ratio_target
from scrutiny.benchmarks.run import Context, Skip
from scrutiny.extract.models import Document

BATCH_SIZE = 32


def blank_documents(count: int, seed: int = 0) -> list[Document]:
    """Generated documents with their text and metadata but no facts yet."""
    docs = []
    for index in range(count):
        doc = make_article(index, seed).document()
        doc.people, doc.ratings, doc.events = [], [], []
        docs.append(doc)
    return docs


def base_pipeline(nlp):
    """The spaCy model beneath ``nlp`` with the same base components enabled, none of ours."""
    import spacy

    from scrutiny.extract.nlp import MODEL_NAMES

    ours = [name for name in nlp.pipe_names if name.startswith("scrutiny")]
    for model in MODEL_NAMES:
        try:
            base = spacy.load(model, exclude=ours)
        except OSError:
            continue
        for name in list(base.pipe_names):
            if name not in nlp.pipe_names:
                base.remove_pipe(name)
        return base
    raise Skip(f"none of the spaCy models {', '.join(MODEL_NAMES)} is installed")


def run(ctx: Context) -> list[Result]:
    try:
        from scrutiny.extract.facts import add_facts
        from scrutiny.extract.nlp import load_nlp
    except ImportError as err:
        raise Skip(f"{err.name} is not available yet") from None

    nlp = load_nlp()
    base = base_pipeline(nlp)
    docs = blank_documents(ctx.size(400, 80, minimum=4), ctx.seed)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    components = "+".join(base.pipe_names)
    add_facts(copy.deepcopy(docs[:8]), nlp=nlp, batch_size=BATCH_SIZE)  # warm both models up
    list(base.pipe(texts[:8], batch_size=BATCH_SIZE))
    results = []
    for n_process in (1, 2):

        def ours(chunk: list[Document], n_process: int = n_process) -> None:
            add_facts(copy.deepcopy(chunk), nlp=nlp, batch_size=BATCH_SIZE, n_process=n_process)

        def baseline(chunk: list[Document], n_process: int = n_process) -> None:
            for _ in base.pipe([d.text for d in chunk], batch_size=BATCH_SIZE, n_process=n_process):
                pass

        # Turns of 16 documents; of 40 with two processes, so that starting the workers does not dominate.
        chunks = chunked(docs, 16 if n_process == 1 else 40)
        ours_s, base_s = compare_chunks(ours, baseline, chunks)
        result = Result(f"facts, {n_process} process{'es' if n_process > 1 else ''}: add_facts vs nlp.pipe",
                        words / ours_s, words / base_s, "words/s",
                        note=f"{len(docs)} documents, {words:,} words; spaCy {components}")
        results.append(ratio_target(result, at_least=0.77))
    return results
