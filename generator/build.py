"""The build, as a short script of named stages:

load -> validate -> (per locale) localize -> render -> MkDocs -> swap in.
"""
from __future__ import annotations

import time
from concurrent.futures import FIRST_COMPLETED, wait
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from generator.api.documents import write_api
from generator.content.builddate import build_epoch, pinned_epoch
from generator.i18n.catalog import SOURCE_LOCALE, Status, Translator, load_translator
from generator.content.escaping import source_as_html
from generator.site.figures import Figures
from generator.i18n.labels import LANGUAGE_NAMES, MADE_WITH, N_, NOT_FOUND_TEXT, SUBJECTS, UI
from generator.site.linkcheck import require_links
from generator.content.load import Content, load_content
from generator.i18n.localize import localize_entries, localize_pages, localize_reasons, reasons_by_entry
from generator.project import Project
from generator.site.mkdocs_site import LocaleSite, build_locale, read_config, require_site_url
from generator.site.output import folder_writer, staging_area, swap_in
from generator.site.ownership import (keep_what_was_put_in, mark_as_built, require_no_big_shrink,
                                      require_own_site_dir)
from generator.workers import language_workers, stopped_on_failure
from generator.site.page_data import legacy_anchor_data, lookup_page_data
from generator.site.code_links import write_code_links
from generator.site.reason_links import write_reason_links
from generator.site.redirects import not_found_page, redirect_page, write_deep_links
from generator.site.render import PageRenderer
from generator.search.index import entry_keywords, reason_keywords, uses_own_search, write_search_index
from generator.i18n.translation_status import require_complete
from generator.content.validate import validate_content


@dataclass
class LocaleStats:
    locale: str
    translated: int = 0
    fuzzy: int = 0
    missing: int = 0

    def line(self) -> str:
        return f"{self.locale}: {self.translated} translated, {self.fuzzy} fuzzy, {self.missing} missing"


@dataclass
class BuildReport:
    stats: list[LocaleStats] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    pages: int = 0
    kept: list[str] = field(default_factory=list)  # put into the old site during the swap, moved into the new


class Timer:
    def __init__(self, report: BuildReport):
        self.report = report

    def __call__(self, stage: str, fn, *args, **kwargs):
        start = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            self.add(stage, time.perf_counter() - start)

    def add(self, stage: str, seconds: float) -> None:
        self.report.timings[stage] = self.report.timings.get(stage, 0.0) + seconds


def clocked(fn, *args):
    """fn(*args) and the seconds it took, for work done in another process."""
    start = time.perf_counter()
    return fn(*args), time.perf_counter() - start


def write_markdown(store, content: Content, translator: Translator,
                   figures: Figures | None = None, template_cache: Path | None = None) -> tuple[int, LocaleStats]:
    """Localize and render every page of one locale, each handed to store(relative path, Markdown)
    (its figures into figures)."""
    from generator.diagnose.steps import DIAGNOSED_CODES, DIAGNOSED_MEANINGS
    from generator.i18n import labels

    renderer = PageRenderer(translator, figures, template_cache)
    entries = localize_entries(content, translator)
    pages = localize_pages(content, translator)
    reasons = localize_reasons(content, translator, entries)
    common = dict(labels=labels, entries=entries, pages=pages, diagnosed_codes=DIAGNOSED_CODES, reasons=reasons,
                  diagnosed_meanings=DIAGNOSED_MEANINGS,
                  reasons_of_entry=reasons_by_entry(content, reasons),
                  lookup_data=lookup_page_data(translator, content), legacy_anchors=legacy_anchor_data(content, translator))
    shown: dict[str, Status] = {}

    def emit(relative: str, template: str, **context) -> None:
        store(relative, renderer.render(template, **common, **context))
        for item in translator.used:
            shown[item.source] = item.status

    by_subject = {subject: [] for subject in labels.SUBJECTS}
    for entry in entries:
        by_subject[entry["code"].split(".")[1]].append(entry)
    emit("index.md", "home.md.j2", by_subject=by_subject)
    emit("errors/index.md", "errors_index.md.j2")
    emit("lookup.md", "lookup.md.j2")
    for page in pages:
        emit(f"{page['slug']}.md", "page.md.j2", page=page)
    for entry in entries:
        emit(f"errors/{entry['code']}.md", "entry.md.j2", entry=entry)
    for subject, members in by_subject.items():
        emit(f"categories/{labels.SUBJECTS[subject][0]}.md", "category.md.j2", subject=subject, members=members)
    if reasons:
        emit("reasons/index.md", "reasons_index.md.j2")
    for reason in reasons:
        emit(f"reasons/{reason['id']}.md", "reason.md.j2", reason=reason)
    stats = LocaleStats(translator.locale)
    for status in shown.values():
        setattr(stats, status.value, getattr(stats, status.value) + 1)
    return pages_per_language(content), stats


def pages_per_language(content: Content) -> int:
    """Home, list of codes, lookup; the prose pages, the entries, the subjects; the reasons and their index."""
    reasons = 1 + len(content.reasons) if content.reasons else 0
    return 3 + len(content.pages) + len(content.entries) + len(SUBJECTS) + reasons


def navigation(content: Content, translator: Translator) -> list:
    """Labels are HTML: the theme writes them into the page as they are."""
    def label(english: str) -> str:
        return source_as_html(translator.lookup(english))

    pages = localize_pages(content, translator)
    nav = [{label(N_("Home")): "index.md"}]
    nav += [{source_as_html(page["title"]): f"{page['slug']}.md"} for page in pages]
    nav.append({label(N_("All error codes")): "errors/index.md"})
    if content.reasons:
        nav.append({label(N_("Why mail bounces")): "reasons/index.md"})
    nav.append({label(N_("Codes by subject")): [
        {label(title): f"categories/{slug}.md"} for slug, title in SUBJECTS.values()
    ]})
    nav.append({label(N_("Look up a code")): "lookup.md"})
    return nav


def interface_strings(translator: Translator) -> dict:
    """The theme overrides write these into elements and attributes as they are."""
    strings = {key: source_as_html(translator.lookup(text)) for key, text in UI.items()}
    credit = source_as_html(translator.lookup(MADE_WITH).replace("%(tool)s", "MFKBTOOL"))
    strings["made_with"] = credit.split("MFKBTOOL", 1)  # the words before and after the link
    return strings


def write_root(out: Path, project: Project, raw_config: dict, translators: dict[str, Translator]) -> None:
    """site/index.html: sends visitors to their language, with plain links too;
    site/404.html: sends a missing address to the lookup page or a language's 404 page."""
    html = redirect_page(site_name(raw_config), project.locales, path="", root="")
    (out / "index.html").write_text(html, encoding="utf-8")
    languages = [{"code": code, "name": LANGUAGE_NAMES.get(code, code),
                  **{key: source_as_html(translators[code].lookup(text)) for key, text in NOT_FOUND_TEXT.items()}}
                 for code in project.locales]
    (out / "404.html").write_text(not_found_page(site_name(raw_config), languages), encoding="utf-8")


def site_name(raw_config: dict) -> str:
    return raw_config.get("site_name", "Mail Flow KB")


@dataclass
class LanguageJob:
    """Everything one language's build needs; languages build in parallel."""

    raw_config: dict
    root: Path
    locales: list[str]
    content: Content
    translator: Translator
    work: Path
    strict: bool
    epoch: int
    dirty: bool = False
    template_cache: Path | None = None
    markdown_in_memory: bool = True


@dataclass
class LanguageResult:
    pages: int
    stats: LocaleStats
    timings: dict[str, float]


def build_language(job: LanguageJob) -> LanguageResult:
    """Markdown, MkDocs and the search index of one language, into work/site/{locale}."""
    report = BuildReport()
    timed = Timer(report)
    code, translator = job.translator.locale, job.translator
    docs, out = job.work / "docs" / code, job.work / "site" / code
    figures = Figures()
    # A full build hands MkDocs its Markdown in memory; the preview keeps it on
    # disk, where the files' times tell a dirty build what changed.
    markdown = {} if job.markdown_in_memory else None
    store = markdown.__setitem__ if markdown is not None else folder_writer(docs)
    docs.mkdir(parents=True, exist_ok=True)
    pages, stats = timed("localize+render", write_markdown, store, job.content, translator, figures, job.template_cache)
    site = LocaleSite(code, docs, out, navigation(job.content, translator), interface_strings(translator), figures,
                      job.template_cache, markdown)
    keywords = entry_keywords(job.content.entries.values()) | reason_keywords(job.content.reasons)
    job.content = job.translator = translator = None  # MkDocs holds every page at once: make room for it
    with pinned_epoch(job.epoch):
        timed(f"mkdocs {code}", build_locale, job.raw_config, job.root, site, job.locales, job.strict, job.dirty)
    if uses_own_search(job.raw_config) and not job.dirty:
        timed(f"search index {code}", write_search_index, out, keywords)
    return LanguageResult(pages, stats, report.timings)


def run_languages(workers, jobs: list, beside, beside_on_a_free_core: bool) -> list:
    """Every language's build, and `beside` in this process meanwhile: at
    once, or, when it should not slow them down, once the first language has
    left its core free. Should anything stop it, the workers stop at once,
    before the folder they write into is removed."""
    with stopped_on_failure(workers):
        futures = [workers.submit(build_language, job) for job in jobs]
        if beside_on_a_free_core:
            wait(futures, return_when=FIRST_COMPLETED)
        beside()
        return [future.result() for future in futures]


@contextmanager
def persistent_area(workspace: Path):
    """For the preview: output stays in place between builds, so a dirty
    MkDocs build can skip the pages whose Markdown did not change."""
    workspace.mkdir(parents=True, exist_ok=True)
    yield workspace


def build(project: Project, strict: bool = False, workspace: Path | None = None, dirty: bool = False,
          allow_shrink: bool = False) -> BuildReport:
    """Build into site/ (staged aside and swapped in), or, for the preview,
    in place into workspace/site, re-rendering only what changed when dirty."""
    report = BuildReport()
    timed = Timer(report)
    if not workspace:
        timed("own site", require_own_site_dir, project.root, project.site_dir)
    raw_config = read_config(project.root / "mkdocs.yml")
    if strict:
        require_site_url(raw_config, project.root / "mkdocs.yml")
    with language_workers(len(project.locales)) as workers:
        # The catalogs load in the languages' processes while this one loads the content.
        catalogs = {code: workers.submit(clocked, load_translator, project.locales_dir, code)
                    for code in project.locales}
        content = timed("load", load_content, project.content_dir)
        timed("validate", validate_content, content)
        if not workspace:
            require_no_big_shrink(project.site_dir, pages_per_language(content) * len(project.locales), allow_shrink)
        translators = {}
        for code, loading in catalogs.items():
            translators[code], seconds = loading.result()
            timed.add("load catalogs", seconds)
        if strict:
            timed("check translations", require_complete, content, translators, project.root)
        epoch = build_epoch(content)
        with (persistent_area(workspace) if workspace else staging_area(project.site_dir)) as work:
            out = work / "site"
            jobs = [LanguageJob(raw_config, project.root, project.locales, content, translator, work, strict, epoch,
                                dirty, project.template_cache, markdown_in_memory=not workspace)
                    for translator in translators.values()]

            def beside_languages():  # the parts of the site outside the language folders
                timed("api", write_api, out, content, translators)
                timed("deep links", write_deep_links, out, content, project.locales, site_name(raw_config))

            # A full build: the slowest language sets the pace, so the rest waits for a free core.
            # The preview's short builds are quicker all at once.
            for result in run_languages(workers, jobs, beside_languages, beside_on_a_free_core=not workspace):
                report.pages += result.pages
                report.stats.append(result.stats)
                for stage, seconds in result.timings.items():
                    timed.add(stage, seconds)
            write_root(out, project, raw_config, translators)
            timed("code links", write_code_links, out, content, translators)
            timed("reason links", write_reason_links, out, content, translators)
            if strict:
                timed("links", require_links, out)
            timed("mark", mark_as_built, out, report.pages)
            if not workspace:
                timed("own site", require_own_site_dir, project.root, project.site_dir)
                report.kept = timed("swap", swap_in, out, project.site_dir, keep_what_was_put_in)
    return report
