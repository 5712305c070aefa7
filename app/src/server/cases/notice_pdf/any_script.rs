//! Notices with letters outside Latin-1 (a name in Vietnamese, Arabic, Chinese, Cyrillic or
//! Devanagari): the same blocks, lines and tags as the Helvetica notices, set with embedded,
//! subset Noto fonts by `krilla`, which shapes every run (Arabic letters joined and set right to
//! left, Devanagari clusters formed) and writes what each glyph means, so the text can be found,
//! copied and read aloud.
//!
//! The fonts are Debian's `fonts-noto-core` and `fonts-noto-cjk` (the set-up installs them; a
//! deployment may point `PORTICO_FONTS_DIR` elsewhere, looked in first). Each letter is set in the first of Noto
//! Sans, Noto Sans Arabic, Noto Sans Devanagari and Noto Sans CJK that has it; a face is read from
//! disk only when a notice first needs it, so a server that never meets a Chinese name never
//! holds the large CJK file in memory.

use super::{lay_out, Block, Font, NoticeDocument, MARGIN, PAGE_HEIGHT, PAGE_WIDTH};
use krilla::geom::Point;
use krilla::metadata::Metadata;
use krilla::page::PageSettings;
use krilla::tagging::{ContentTag, SpanTag, Tag, TagGroup, TagTree};
use krilla::text::TextDirection;
use std::num::NonZeroU16;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

/// Where Debian puts the Noto fonts.
const FONT_DIRS: [&str; 2] = ["/usr/share/fonts/truetype/noto", "/usr/share/fonts/opentype/noto"];

/// The faces tried for each letter, in order: (regular file, bold file, face index in the file).
const FACES: [(&str, &str, u32); 4] = [
    ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf", 0),
    ("NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf", 0),
    ("NotoSansDevanagari-Regular.ttf", "NotoSansDevanagari-Bold.ttf", 0),
    ("NotoSansCJK-Regular.ttc", "NotoSansCJK-Bold.ttc", 0),
];

struct Face {
    data: Arc<Vec<u8>>,
    index: u32,
    font: krilla::text::Font,
}

impl Face {
    fn shaper(&self) -> Option<rustybuzz::Face<'_>> {
        rustybuzz::Face::from_slice(&self.data, self.index)
    }

    fn covers(&self, c: char) -> bool {
        self.shaper().is_some_and(|face| face.glyph_index(c).is_some())
    }

    /// Width in points of `text` shaped in this face at `size`.
    fn width(&self, text: &str, size: f32) -> f32 {
        let Some(face) = self.shaper() else { return 0.0 };
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(&face, &[], buffer);
        let units: i32 = shaped.glyph_positions().iter().map(|p| p.x_advance).sum();
        units as f32 * size / face.units_per_em() as f32
    }
}

/// Each face in each weight, read on first use (`None`: the file is not there).
static LOADED: [[OnceLock<Option<Face>>; 2]; 4] = [const { [const { OnceLock::new() }, const { OnceLock::new() }] }; 4];

/// The folder configured (`PORTICO_FONTS_DIR`), set by the first notice rendered.
static CONFIGURED: OnceLock<Option<PathBuf>> = OnceLock::new();

fn font_file(name: &str) -> Option<PathBuf> {
    let configured = CONFIGURED.get().cloned().flatten();
    configured.into_iter().chain(FONT_DIRS.iter().map(PathBuf::from)).map(|dir| dir.join(name)).find(|p| p.is_file())
}

fn face(slot: usize, weight: Font) -> Option<&'static Face> {
    let bold = matches!(weight, Font::Bold) as usize;
    LOADED[slot][bold]
        .get_or_init(|| {
            let (regular, bold_file, index) = FACES[slot];
            let path = font_file(if bold == 1 { bold_file } else { regular })?;
            let data = Arc::new(std::fs::read(&path).ok()?);
            let font = krilla::text::Font::new(data.clone().into(), index)?;
            Some(Face { data, index, font })
        })
        .as_ref()
}

/// `text` cut into runs each set in one face (the previous run's face is kept while it has the
/// letter, so spaces and punctuation stay with the words around them).
fn segments(text: &str, weight: Font) -> Vec<(&'static Face, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    for c in text.chars() {
        let covers = |slot: usize| face(slot, weight).is_some_and(|f| f.covers(c));
        let slot = match out.last() {
            Some((slot, _)) if covers(*slot) => *slot,
            _ => (0..FACES.len()).find(|slot| covers(*slot)).unwrap_or(0),
        };
        match out.last_mut() {
            Some((last, run)) if *last == slot => run.push(c),
            _ => out.push((slot, c.to_string())),
        }
    }
    out.into_iter().filter_map(|(slot, run)| Some((face(slot, weight)?, run))).collect()
}

fn right_to_left(text: &str) -> bool {
    text.chars().any(|c| matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'))
}

fn measure(weight: Font, text: &str, size: f32) -> f32 {
    segments(text, weight).iter().map(|(face, run)| face.width(run, size)).sum()
}

/// The notice's PDF, or `None` when the fonts are not installed.
pub(super) fn render(
    notice: &NoticeDocument,
    blocks: &[Block],
    fonts_dir: Option<&std::path::Path>,
) -> Option<Vec<u8>> {
    CONFIGURED.get_or_init(|| fonts_dir.map(PathBuf::from));
    face(0, Font::Regular)?;
    face(0, Font::Bold)?;
    let pages = lay_out(blocks, &measure);
    let mut document = krilla::Document::new();
    let mut ids: Vec<Vec<krilla::tagging::Identifier>> = blocks.iter().map(|_| Vec::new()).collect();
    for page in &pages {
        let mut pdf_page = document.start_page_with(PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)?);
        let mut surface = pdf_page.surface();
        for (block_index, lines) in &page.marks {
            let size = blocks[*block_index].size;
            let id = surface.start_tagged(ContentTag::Span(SpanTag::empty()));
            for line in lines {
                let mut x = MARGIN;
                // krilla measures from the top of the page.
                let y = PAGE_HEIGHT - line.baseline;
                for run in &line.runs {
                    for (face, text) in segments(&run.text, run.font) {
                        let direction =
                            if right_to_left(&text) { TextDirection::RightToLeft } else { TextDirection::LeftToRight };
                        surface.draw_text(Point::from_xy(x, y), face.font.clone(), size, &text, false, direction);
                        x += face.width(&text, size);
                    }
                }
            }
            surface.end_tagged();
            ids[*block_index].push(id);
        }
        surface.finish();
        pdf_page.finish();
    }
    let mut tree = TagTree::new();
    for (block, block_ids) in blocks.iter().zip(ids) {
        let mut group = match block.role {
            pdf_writer::types::StructRole::H1 => {
                TagGroup::new(Tag::Hn(NonZeroU16::new(1).expect("one"), Some(notice.title.clone())))
            }
            _ => TagGroup::new(Tag::P),
        };
        for id in block_ids {
            group.push(id);
        }
        tree.push(group);
    }
    document.set_tag_tree(tree);
    document.set_metadata(
        Metadata::new()
            .language(notice.lang.tag().to_owned())
            .title(notice.title.clone())
            .producer("Portico".to_owned()),
    );
    match document.finish() {
        Ok(bytes) => Some(bytes),
        Err(error) => {
            tracing::warn!(?error, "a notice in any script could not be written");
            None
        }
    }
}
