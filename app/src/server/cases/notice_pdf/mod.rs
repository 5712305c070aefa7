//! A notice as a PDF the applicant can keep or print, in their language: a tagged PDF (headings
//! and paragraphs in a structure tree, `/Lang`, a title shown by the reader).
//!
//! A notice whose every letter is in Latin-1 (English and Spanish text, most names) is set in the
//! PDF standard Helvetica, so the file embeds no font and stays a few kilobytes: `pdf-writer`
//! writes the objects, and lines are fitted here with Helvetica's published glyph widths (Adobe's
//! AFM files). A notice with any other letter — a name in Vietnamese, Arabic, Chinese, Cyrillic or
//! Devanagari — is set by `any_script` with embedded, subset Noto fonts through `krilla`, which
//! shapes each run (joining Arabic letters, ordering them right to left) and keeps the tags.

mod any_script;
mod helvetica;

use crate::i18n::Lang;
use helvetica::{text_width, win_ansi, Font};
use pdf_writer::types::StructRole;
use pdf_writer::writers::StructTreeRoot;
use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref, Str, TextStr};

/// US Letter, with one-inch margins.
const PAGE_WIDTH: f32 = 612.0;
const PAGE_HEIGHT: f32 = 792.0;
const MARGIN: f32 = 72.0;
const TEXT_WIDTH: f32 = PAGE_WIDTH - 2.0 * MARGIN;

/// What a notice says; every string is already in the reader's language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticeDocument {
    pub lang: Lang,
    /// "Receipt Notice", "Request for Evidence", …
    pub title: String,
    /// "Form I-797C, Notice of Action".
    pub kind_line: String,
    /// Label and value pairs: receipt number, case type, notice date, applicant, respond by.
    pub fields: Vec<(String, String)>,
    /// The notice's own words; blank lines separate paragraphs.
    pub body: String,
    pub footer: String,
}

/// A piece of text in one font; a block is a run of these, wrapped together.
#[derive(Clone, Debug)]
struct Run {
    font: Font,
    text: String,
}

struct Block {
    role: StructRole,
    size: f32,
    runs: Vec<Run>,
    space_before: f32,
}

/// The PDF's bytes. `fonts_dir`: where the Noto fonts are, if not in Debian's folders.
pub fn render(notice: &NoticeDocument, fonts_dir: Option<&std::path::Path>) -> Vec<u8> {
    let text = [&notice.title, &notice.kind_line, &notice.body, &notice.footer]
        .into_iter()
        .chain(notice.fields.iter().flat_map(|(label, value)| [label, value]));
    let latin = text.into_iter().all(|t| helvetica::encodable(t));
    if !latin {
        match any_script::render(notice, &blocks(notice), fonts_dir) {
            Some(bytes) => return bytes,
            None => tracing::warn!(
                "no fonts for a notice's letters (install fonts-noto-core, fonts-noto-cjk); they print as ?"
            ),
        }
    }
    render_in_helvetica(notice)
}

fn render_in_helvetica(notice: &NoticeDocument) -> Vec<u8> {
    let blocks = blocks(notice);
    let pages = lay_out(&blocks, &|font, text, size| text_width(font, text, size));

    let catalog_id = Ref::new(1);
    let page_tree_id = Ref::new(2);
    let regular_id = Ref::new(3);
    let bold_id = Ref::new(4);
    let info_id = Ref::new(5);
    let struct_root_id = Ref::new(6);
    let document_element_id = Ref::new(7);
    let parent_tree_arrays = 8;
    let first_block_element = parent_tree_arrays + pages.len() as i32;
    let first_page_object = first_block_element + blocks.len() as i32;
    let page_id = |index: usize| Ref::new(first_page_object + 2 * index as i32);
    let content_id = |index: usize| Ref::new(first_page_object + 2 * index as i32 + 1);
    let element_id = |block: usize| Ref::new(first_block_element + block as i32);

    let mut pdf = Pdf::new();
    let lang = TextStr(notice.lang.tag());
    {
        let mut catalog = pdf.catalog(catalog_id);
        catalog.pages(page_tree_id);
        catalog.lang(lang);
        catalog.viewer_preferences().display_doc_title(true);
        catalog.mark_info().marked(true);
        catalog.pair(Name(b"StructTreeRoot"), struct_root_id);
    }
    pdf.document_info(info_id).title(TextStr(&notice.title)).producer(TextStr("Portico"));
    pdf.pages(page_tree_id).kids((0..pages.len()).map(page_id)).count(pages.len() as i32);
    pdf.type1_font(regular_id).base_font(Name(b"Helvetica")).encoding_predefined(Name(b"WinAnsiEncoding"));
    pdf.type1_font(bold_id).base_font(Name(b"Helvetica-Bold")).encoding_predefined(Name(b"WinAnsiEncoding"));

    // The structure tree: a Document holding one heading or paragraph per block, each pointing at
    // the marked content (one per page the block touches) that draws it.
    {
        let mut root = pdf.indirect(struct_root_id).start::<StructTreeRoot>();
        root.children().item(document_element_id);
        let mut tree = root.parent_tree();
        let mut nums = tree.nums();
        for index in 0..pages.len() {
            nums.insert(index as i32, Ref::new(parent_tree_arrays + index as i32));
        }
    }
    {
        let mut document = pdf.struct_element(document_element_id);
        document.kind(StructRole::Document).parent(struct_root_id).lang(lang);
        document.children().items((0..blocks.len()).map(element_id));
    }
    for (index, page) in pages.iter().enumerate() {
        let owners: Vec<Ref> = page.marks.iter().map(|(block, _)| element_id(*block)).collect();
        pdf.indirect(Ref::new(parent_tree_arrays + index as i32)).array().items(owners);
    }
    for (block_index, block) in blocks.iter().enumerate() {
        let mut element = pdf.struct_element(element_id(block_index));
        element.kind(block.role).parent(document_element_id);
        let mut children = element.children();
        for (page_index, page) in pages.iter().enumerate() {
            for (mcid, (owner, _)) in page.marks.iter().enumerate() {
                if *owner == block_index {
                    children.marked_content_ref().page(page_id(page_index)).marked_content_id(mcid as i32);
                }
            }
        }
    }

    for (index, page) in pages.iter().enumerate() {
        let mut content = Content::new();
        for (mcid, (block_index, lines)) in page.marks.iter().enumerate() {
            let block = &blocks[*block_index];
            content
                .begin_marked_content_with_properties(role_tag(block.role))
                .properties()
                .pair(Name(b"MCID"), mcid as i32);
            content.begin_text();
            for line in lines {
                content.set_text_matrix([1.0, 0.0, 0.0, 1.0, MARGIN, line.baseline]);
                for run in &line.runs {
                    content.set_font(run.font.resource(), block.size);
                    content.show(Str(&win_ansi(&run.text)));
                }
            }
            content.end_text();
            content.end_marked_content();
        }
        let mut page_writer = pdf.page(page_id(index));
        page_writer
            .parent(page_tree_id)
            .media_box(Rect::new(0.0, 0.0, PAGE_WIDTH, PAGE_HEIGHT))
            .contents(content_id(index))
            .struct_parents(index as i32);
        page_writer.resources().fonts().pair(Font::Regular.resource(), regular_id).pair(Font::Bold.resource(), bold_id);
        page_writer.finish();
        pdf.stream(content_id(index), &content.finish());
    }
    pdf.finish()
}

fn role_tag(role: StructRole) -> Name<'static> {
    match role {
        StructRole::H1 => Name(b"H1"),
        _ => Name(b"P"),
    }
}

fn blocks(notice: &NoticeDocument) -> Vec<Block> {
    let plain = |font, text: &str| vec![Run { font, text: text.to_owned() }];
    let mut blocks = vec![
        Block { role: StructRole::P, size: 10.0, runs: plain(Font::Bold, "Portico"), space_before: 0.0 },
        Block { role: StructRole::H1, size: 20.0, runs: plain(Font::Bold, &notice.title), space_before: 14.0 },
        Block { role: StructRole::P, size: 12.0, runs: plain(Font::Regular, &notice.kind_line), space_before: 4.0 },
    ];
    for (index, (label, value)) in notice.fields.iter().enumerate() {
        blocks.push(Block {
            role: StructRole::P,
            size: 11.0,
            runs: vec![
                Run { font: Font::Bold, text: format!("{label}: ") },
                Run { font: Font::Regular, text: value.clone() },
            ],
            space_before: if index == 0 { 18.0 } else { 4.0 },
        });
    }
    for (index, paragraph) in notice.body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()).enumerate() {
        blocks.push(Block {
            role: StructRole::P,
            size: 12.0,
            runs: plain(Font::Regular, paragraph),
            space_before: if index == 0 { 22.0 } else { 10.0 },
        });
    }
    blocks.push(Block {
        role: StructRole::P,
        size: 9.0,
        runs: plain(Font::Regular, &notice.footer),
        space_before: 30.0,
    });
    blocks
}

struct Line {
    baseline: f32,
    runs: Vec<Run>,
}

struct Page {
    /// What each marked-content sequence draws, in order (its index is its MCID): the block it
    /// belongs to and that block's lines on this page.
    marks: Vec<(usize, Vec<Line>)>,
}

/// Width in points of some text in a weight at a size.
type Measure<'a> = dyn Fn(Font, &str, f32) -> f32 + 'a;

fn lay_out(blocks: &[Block], measure: &Measure) -> Vec<Page> {
    let mut pages = vec![Page { marks: Vec::new() }];
    let mut y = PAGE_HEIGHT - MARGIN;
    for (index, block) in blocks.iter().enumerate() {
        let leading = block.size * 1.3;
        y -= block.space_before;
        for runs in wrap(&block.runs, block.size, TEXT_WIDTH, measure) {
            if y - leading < MARGIN {
                pages.push(Page { marks: Vec::new() });
                y = PAGE_HEIGHT - MARGIN;
            }
            y -= leading;
            let page = pages.last_mut().expect("a page");
            match page.marks.last_mut() {
                Some((owner, lines)) if *owner == index => lines.push(Line { baseline: y, runs }),
                _ => page.marks.push((index, vec![Line { baseline: y, runs }])),
            }
        }
    }
    pages
}

/// The runs broken into lines no wider than `width` points, between words; a word wider than a
/// whole line (a long number) is broken where it must be.
fn wrap(runs: &[Run], size: f32, width: f32, measure: &Measure) -> Vec<Vec<Run>> {
    let mut lines: Vec<Vec<Run>> = vec![Vec::new()];
    let mut used = 0.0;
    for run in runs {
        for word in run.text.split_inclusive(' ') {
            let mut word = word.to_owned();
            loop {
                let word_width = measure(run.font, &word, size);
                let visible = measure(run.font, word.trim_end(), size);
                if used + visible <= width {
                    push(lines.last_mut().expect("a line"), run.font, &word);
                    used += word_width;
                    break;
                }
                if used > 0.0 {
                    lines.push(Vec::new());
                    used = 0.0;
                    continue;
                }
                // Alone on a line and still too wide: cut it.
                let mut cut = word.len();
                while cut > 1 && measure(run.font, &word[..cut], size) > width {
                    cut = word[..cut].char_indices().last().map(|(i, _)| i).unwrap_or(1);
                }
                push(lines.last_mut().expect("a line"), run.font, &word[..cut]);
                lines.push(Vec::new());
                word = word[cut..].to_owned();
                if word.is_empty() {
                    break;
                }
            }
        }
    }
    lines.retain(|line| !line.is_empty());
    for line in &mut lines {
        if let Some(last) = line.last_mut() {
            last.text.truncate(last.text.trim_end().len());
        }
    }
    lines
}

fn push(line: &mut Vec<Run>, font: Font, text: &str) {
    match line.last_mut() {
        Some(last) if last.font == font => last.text.push_str(text),
        _ => line.push(Run { font, text: text.to_owned() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice(lang: Lang, body: &str) -> NoticeDocument {
        NoticeDocument {
            lang,
            title: "Solicitud de Evidencia".to_owned(),
            kind_line: "Formulario I-797E, Aviso de Acción".to_owned(),
            fields: vec![
                ("Número de recibo".to_owned(), "IOE0912345601".to_owned()),
                ("Responda antes del".to_owned(), "6 de febrero de 2027".to_owned()),
            ],
            body: body.to_owned(),
            footer: "Generado por Portico.".to_owned(),
        }
    }

    fn render_here(notice: &NoticeDocument) -> Vec<u8> {
        render(notice, None)
    }

    /// The text of every page as an independent reader (lopdf) extracts it.
    fn extracted_text(bytes: &[u8]) -> String {
        let document = lopdf::Document::load_mem(bytes).expect("a PDF lopdf can read");
        let pages: Vec<u32> = document.get_pages().keys().copied().collect();
        document.extract_text(&pages).expect("text")
    }

    #[test]
    fn a_reader_finds_the_notice_in_its_language_with_accents() {
        let bytes =
            render_here(&notice(Lang::Es, "Envíe el Formulario I-864 con la declaración de impuestos más reciente."));
        assert!(bytes.starts_with(b"%PDF-"));
        let text = extracted_text(&bytes);
        for expected in ["Solicitud de Evidencia", "Aviso de Acción", "Número de recibo: IOE0912345601", "más reciente"]
        {
            assert!(text.contains(expected), "{expected:?} missing from {text:?}");
        }
        let document = lopdf::Document::load_mem(&bytes).unwrap();
        let catalog = document.catalog().unwrap();
        assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"es");
        assert!(catalog.get(b"StructTreeRoot").is_ok(), "tagged, for screen readers");
        assert!(catalog.get(b"MarkInfo").is_ok());
    }

    #[test]
    fn long_text_wraps_inside_the_margins_and_flows_onto_more_pages() {
        let paragraph = "The applicant must submit the evidence listed here before the date shown above. ".repeat(12);
        let body = vec![paragraph; 8].join("\n\n");
        let bytes = render_here(&notice(Lang::En, &body));
        let document = lopdf::Document::load_mem(&bytes).unwrap();
        assert!(document.get_pages().len() >= 2, "the text goes on to a second page");
        let text = extracted_text(&bytes);
        assert_eq!(text.matches("before the date shown above").count(), 8 * 12, "no word lost between pages");
        let helvetica = |font, text: &str, size| text_width(font, text, size);
        for line in wrap(&[Run { font: Font::Regular, text: body.replace("\n\n", " ") }], 12.0, TEXT_WIDTH, &helvetica)
        {
            let width: f32 = line.iter().map(|run| text_width(run.font, &run.text, 12.0)).sum();
            assert!(width <= TEXT_WIDTH, "a line of {width} points");
        }
    }

    #[test]
    fn a_word_longer_than_a_line_is_cut_rather_than_spilling_over() {
        let word = "A".repeat(200);
        let helvetica = |font, text: &str, size| text_width(font, text, size);
        let lines = wrap(&[Run { font: Font::Bold, text: word.clone() }], 12.0, TEXT_WIDTH, &helvetica);
        assert!(lines.len() > 1);
        assert_eq!(lines.iter().flatten().map(|r| r.text.as_str()).collect::<String>(), word);
        assert!(lines.iter().all(|l| l.iter().map(|r| text_width(r.font, &r.text, 12.0)).sum::<f32>() <= TEXT_WIDTH));
    }

    #[test]
    fn spanish_letters_and_typographic_marks_have_their_win_ansi_codes() {
        assert_eq!(win_ansi("ñá¿¡"), vec![0xf1, 0xe1, 0xbf, 0xa1]);
        assert_eq!(win_ansi("I-485 — “sí”"), b"I-485 \x97 \x93s\xed\x94".to_vec());
        assert_eq!(win_ansi("日本"), b"??".to_vec());
        // Helvetica's own numbers: "Hello" is 722 + 556 + 222 + 222 + 556 = 2278 units.
        assert_eq!(text_width(Font::Regular, "Hello", 1000.0), 2278.0);
        assert_eq!(text_width(Font::Regular, "é", 10.0), text_width(Font::Regular, "e", 10.0));
    }
}

#[cfg(test)]
mod any_script_tests {
    use super::*;

    /// The text poppler's `pdftotext` reads from the PDF (an independent reader that maps glyphs
    /// back to letters through the fonts' ToUnicode maps).
    fn read_back(bytes: &[u8]) -> String {
        let path = std::env::temp_dir().join(format!("portico-notice-{}.pdf", std::process::id()));
        std::fs::write(&path, bytes).unwrap();
        let out = std::process::Command::new("pdftotext")
            .args([path.to_str().unwrap(), "-"])
            .output()
            .expect("pdftotext (poppler-utils, installed by scripts/setup.sh)");
        std::fs::remove_file(&path).ok();
        String::from_utf8(out.stdout).unwrap()
    }

    #[test]
    fn names_in_any_script_are_embedded_and_read_back() {
        for name in ["Nguyễn Văn Đức", "محمد عبد الله", "王小明", "Иван Петрович Смирнов", "राहुल शर्मा"]
        {
            let notice = NoticeDocument {
                lang: Lang::En,
                title: "Receipt Notice".to_owned(),
                kind_line: "Form I-797C, Notice of Action".to_owned(),
                fields: vec![
                    ("Applicant".to_owned(), name.to_owned()),
                    ("Receipt number".to_owned(), "IOE0912345601".to_owned()),
                ],
                body: "We received your Form I-485.".to_owned(),
                footer: "Generated by Portico.".to_owned(),
            };
            let bytes = render(&notice, None);
            let text = read_back(&bytes);
            assert!(text.contains(name), "{name:?} not read back from {text:?}");
            assert!(text.contains("We received your Form I-485.") && !text.contains('?'), "{text:?}");
            let document = lopdf::Document::load_mem(&bytes).unwrap();
            let catalog = document.catalog().unwrap();
            assert_eq!(catalog.get(b"Lang").unwrap().as_str().unwrap(), b"en");
            assert!(catalog.get(b"StructTreeRoot").is_ok(), "still tagged");
        }
    }

    #[test]
    fn latin_notices_stay_in_helvetica() {
        let notice = NoticeDocument {
            lang: Lang::Es,
            title: "Aviso de Recibo".to_owned(),
            kind_line: "Formulario I-797C".to_owned(),
            fields: vec![("Solicitante".to_owned(), "María Elena García López".to_owned())],
            body: "Recibimos su Formulario I-485.".to_owned(),
            footer: "Generado por Portico.".to_owned(),
        };
        let bytes = render(&notice, None);
        assert!(bytes.windows(9).any(|w| w == b"Helvetica"), "no font embedded for Latin-1 text");
        assert!(bytes.len() < 10_000, "{} bytes", bytes.len());
    }
}
