//! A site: its settings, content, roadmap and theme, loaded once and rendered on demand.

use crate::config::{Config, site_root};
use crate::content::{self, Content};
use crate::diagnostic::{BuildFailed, Diagnostics};
use crate::history::{self, History};
use crate::model::{Roadmap, build_roadmap, date_from_history, rebuild_roadmap};
use crate::render::cache::RenderCache;
use crate::render::{self, Collect, Inputs, Page, PageSink, Rendered, SharedPage, theme::Theme};
use anyhow::Result;
use std::path::{Path, PathBuf};

/// What to build from.
#[derive(Debug, Clone)]
pub struct SiteOptions {
    /// The content folder.
    pub content: PathBuf,
    /// Overrides `base_url` from `waymark.yaml`.
    pub base_url: Option<String>,
    /// Include topics marked `draft: true`.
    pub drafts: bool,
    /// Count status edits not yet committed as made today (`serve`); a build ignores them.
    pub uncommitted: bool,
}

impl SiteOptions {
    /// The site in `content` as it is published: drafts left out, `base_url` from the settings.
    pub fn new(content: impl Into<PathBuf>) -> Self {
        SiteOptions {
            content: content.into(),
            base_url: None,
            drafts: false,
            uncommitted: false,
        }
    }

    /// Counting status edits not yet committed as made today, as the preview does.
    pub fn with_uncommitted(self, uncommitted: bool) -> Self {
        SiteOptions {
            uncommitted,
            ..self
        }
    }

    /// With or without the topics marked `draft: true`.
    pub fn with_drafts(self, drafts: bool) -> Self {
        SiteOptions { drafts, ..self }
    }

    /// With `base_url` overridden when one is given.
    pub fn with_base_url(self, base_url: Option<String>) -> Self {
        SiteOptions { base_url, ..self }
    }
}

/// A loaded site. Problems in the user's files are kept in `diagnostics`, not thrown, so one
/// run can report them all.
pub struct Site {
    /// Settings.
    pub config: Config,
    /// Files as read.
    pub content: Content,
    /// The tree with its roll-ups.
    pub roadmap: Roadmap,
    /// Templates and assets; `None` if the theme failed to load.
    pub theme: Option<Theme>,
    /// The status changes git recorded for the content.
    pub history: History,
    /// Every problem found while loading.
    pub diagnostics: Diagnostics,
    /// Problems in the settings and theme, kept for refreshes that do not read them again.
    setup: Diagnostics,
}

/// Reads `waymark.yaml` and the theme; their problems come back as diagnostics.
fn load_setup(opts: &SiteOptions) -> (Config, Option<Theme>, Diagnostics) {
    let mut diagnostics = Diagnostics::default();
    let shown = opts
        .content
        .parent()
        .map_or_else(|| PathBuf::from("waymark.yaml"), |p| p.join("waymark.yaml"));
    let mut config = match Config::load(&Config::path_for(&opts.content)) {
        Ok((c, warnings)) => {
            diagnostics.extend(warnings.into_iter().map(|mut d| {
                d.file = shown.clone();
                d
            }));
            c
        }
        Err(mut d) => {
            d.file = shown;
            diagnostics.push(d);
            Config::default()
        }
    };
    if opts.base_url.is_some() {
        config.base_url = opts.base_url.clone();
    }
    let theme = match Theme::load(
        &site_root(&opts.content),
        config.theme.as_deref().unwrap_or("default"),
    ) {
        Ok(t) => Some(t),
        Err(mut d) => {
            let root = site_root(&opts.content);
            let shown = opts.content.parent().unwrap_or(std::path::Path::new(""));
            d.file = shown.join(d.file.strip_prefix(&root).unwrap_or(&d.file));
            diagnostics.push(d);
            None
        }
    };
    (config, theme, diagnostics)
}

impl Site {
    /// Reads settings, content and theme; fails only when the content folder cannot be read.
    pub fn load(opts: &SiteOptions) -> Result<Site> {
        Site::load_with(opts, content::load)
    }

    /// The same, keeping every file's whole text in memory: for `serve`, which renders
    /// again after each edit (see `content::load_whole`).
    pub fn load_whole(opts: &SiteOptions) -> Result<Site> {
        Site::load_with(opts, content::load_whole)
    }

    fn load_with(opts: &SiteOptions, load: fn(&Path) -> Result<Content>) -> Result<Site> {
        // git reads the history while the content is read.
        let ((history, warnings), loaded) = rayon::join(
            || history::read(&opts.content),
            || -> Result<_> {
                let (config, theme, setup) = load_setup(opts);
                let mut content = load(&opts.content)?;
                content.statics = content::load_statics(&site_root(&opts.content).join("static"))?;
                Ok((config, theme, setup, content))
            },
        );
        let (config, theme, mut setup, content) = loaded?;
        setup.extend(warnings);
        Ok(Site::assemble(
            config, content, history, theme, setup, opts, None,
        ))
    }

    /// The site after `changed` paths changed on disk, reading again only what it must: edited
    /// markdown files alone, or everything when settings, theme or folders changed.
    pub fn refresh(self, opts: &SiteOptions, changed: &[PathBuf]) -> Result<Site> {
        let root = site_root(&opts.content);
        let outside_content = changed.iter().any(|p| {
            let p = std::path::absolute(p).unwrap_or_else(|_| p.clone());
            !p.starts_with(
                std::path::absolute(&opts.content).unwrap_or_else(|_| opts.content.clone()),
            ) || p.starts_with(root.join("static"))
        });
        if outside_content {
            return Site::load_whole(opts);
        }
        // The old problems are let go on a thread of its own, and the old tree too unless
        // the new one is made from it: freeing 10,000 nodes is no part of showing the edit.
        drop_later(self.diagnostics);
        // A commit since the last read (git's files are not watched) shows at the next edit;
        // the shallow-clone warning, if any, is kept from the first read. Asking git runs a
        // process: it runs while the edited files are read.
        let (content, stale) = rayon::join(
            || self.content.refresh(&opts.content, changed),
            || history::is_stale(&self.history, &opts.content),
        );
        let content = content?;
        let history = if stale {
            history::read(&opts.content).0
        } else {
            self.history
        };
        Ok(Site::assemble(
            self.config,
            content,
            history,
            self.theme,
            self.setup,
            opts,
            Some(self.roadmap),
        ))
    }

    /// The site from what was read; its tree made from `previous` (the tree before an edit)
    /// when the edit left the tree's shape alone, else afresh.
    fn assemble(
        config: Config,
        content: Content,
        history: History,
        theme: Option<Theme>,
        setup: Diagnostics,
        opts: &SiteOptions,
        previous: Option<Roadmap>,
    ) -> Site {
        let mut diagnostics = setup.clone();
        diagnostics.extend(content.diagnostics.0.iter().cloned());
        let rebuilt = previous.map(|p| rebuild_roadmap(p, &content, &config, opts.drafts));
        let (mut roadmap, problems) = match rebuilt {
            Some(Ok(built)) => built,
            Some(Err(previous)) => {
                drop_later(previous);
                build_roadmap(&content, &config, opts.drafts)
            }
            None => build_roadmap(&content, &config, opts.drafts),
        };
        // Dates from git first: the projection reads the completion dates.
        let today = opts.uncommitted.then(crate::dates::today);
        date_from_history(&mut roadmap, &content, &history, today.as_deref());
        // The projection is made as of the build date (`SOURCE_DATE_EPOCH` when set).
        roadmap.project(config.pace_minutes(), &crate::dates::today());
        diagnostics.extend(problems);
        Site {
            config,
            content,
            roadmap,
            history,
            theme,
            diagnostics,
            setup,
        }
    }

    /// The site if it has no errors; else every problem, sorted, for the command to report.
    pub fn checked(self) -> Result<Site, BuildFailed> {
        if self.diagnostics.has_errors() {
            return Err(sorted(self.diagnostics));
        }
        Ok(self)
    }

    /// Renders every file of the site into `sink`, reusing what `cache` holds from the
    /// previous render; all problems found so far and while rendering come back together on
    /// failure, when the sink may have received some files already, and every warning, sorted,
    /// with the result on success.
    pub fn render_into(
        &self,
        cache: &RenderCache,
        sink: &dyn PageSink,
    ) -> Result<Rendered, BuildFailed> {
        let mut all = self.diagnostics.clone();
        let rendered = match &self.theme {
            Some(theme) => render::render_site(&self.inputs(theme), cache, sink),
            None => Err(Diagnostics::default()),
        };
        match rendered {
            Ok(mut done) if !all.has_errors() => {
                all.extend(std::mem::take(&mut done.warnings).0);
                all.sort();
                done.warnings = all;
                Ok(done)
            }
            Ok(_) => Err(sorted(all)),
            Err(more) => {
                all.extend(more.0);
                Err(sorted(all))
            }
        }
    }

    fn inputs<'a>(&'a self, theme: &'a Theme) -> Inputs<'a> {
        Inputs {
            content: &self.content,
            roadmap: &self.roadmap,
            config: &self.config,
            theme,
        }
    }

    /// Renders every file of the site in memory; all problems found so far and while
    /// rendering come back together on failure.
    pub fn render(&self) -> Result<Vec<Page>, BuildFailed> {
        let all = Collect::default();
        self.render_into(&RenderCache::default(), &all)?;
        Ok(all
            .into_sorted()
            .into_iter()
            .map(SharedPage::into_page)
            .collect())
    }
}

/// Drops `value` on a thread of its own (or here, if no thread can be made): for what a
/// rebuild replaced, whose freeing need not delay the rebuild.
pub fn drop_later<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("waymark-drop".into())
        .spawn(move || drop(value));
}

fn sorted(mut d: Diagnostics) -> BuildFailed {
    d.sort();
    BuildFailed(d)
}
