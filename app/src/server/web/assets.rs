//! The names of the compiled site's files. With `hash-files` (Cargo.toml), cargo-leptos puts a
//! content hash in each name (`portico.3f9a….wasm`) and writes the hashes to `hash.txt` beside the
//! server binary; a changed file is then a new URL, so every file can be cached for a year. Without
//! that file (tests, debug builds) the plain names are used.

use std::sync::OnceLock;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SiteAssets {
    pub js: String,
    pub wasm: String,
    pub css: String,
    /// Changes whenever any of the files does (the service worker's cache version).
    pub version: String,
}

impl SiteAssets {
    /// Names from the text of a `hash.txt` ("js: …", "wasm: …", "css: …"), or plain ones.
    pub fn from_hashes(output_name: &str, hashes: Option<&str>) -> Self {
        let find = |kind: &str| {
            hashes.and_then(|text| {
                text.lines().find_map(|line| {
                    let (file, hash) = line.split_once(':')?;
                    (file.trim() == kind).then(|| hash.trim().to_owned())
                })
            })
        };
        let name = |kind: &str, ext: &str| match find(kind) {
            Some(hash) => format!("/pkg/{output_name}.{hash}.{ext}"),
            None => format!("/pkg/{output_name}.{ext}"),
        };
        let version = ["js", "wasm", "css"].iter().filter_map(|k| find(k)).collect::<Vec<_>>().join("-");
        Self {
            js: name("js", "js"),
            wasm: name("wasm", "wasm"),
            css: name("css", "css"),
            version: if version.is_empty() { "dev".to_owned() } else { version },
        }
    }

    /// Whether file names carry hashes (and may be cached for good).
    pub fn hashed(&self) -> bool {
        self.version != "dev"
    }
}

/// The hash file beside the running binary, as Leptos's `HydrationScripts` reads it.
pub fn hash_file_path() -> Option<std::path::PathBuf> {
    let path = std::env::current_exe().ok()?.parent()?.join("hash.txt");
    path.exists().then_some(path)
}

/// The site's file names, read once.
pub fn site_assets() -> &'static SiteAssets {
    static ASSETS: OnceLock<SiteAssets> = OnceLock::new();
    ASSETS.get_or_init(|| {
        let hashes = hash_file_path().and_then(|p| std::fs::read_to_string(p).ok());
        SiteAssets::from_hashes("portico", hashes.as_deref())
    })
}

/// Whether the compiled site the pages will ask for is really there: the files `hash.txt` names
/// (or, without it, the plain names). A release binary started without its `hash.txt` would serve
/// pages whose CSS and JavaScript all 404 — no style, no hydration — so the server refuses to start
/// and says what is missing instead.
pub fn check_site(site_root: &str) -> Result<(), String> {
    let assets = site_assets();
    let missing: Vec<String> = [&assets.js, &assets.wasm, &assets.css]
        .into_iter()
        .filter(|url| !std::path::Path::new(&format!("{site_root}{url}")).exists())
        .map(|url| format!("{site_root}{url}"))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let beside = std::env::current_exe()
        .ok()
        .and_then(|exe| exe.parent().map(|dir| dir.join("hash.txt").display().to_string()))
        .unwrap_or_else(|| "hash.txt beside the binary".to_owned());
    let hint = if assets.hashed() {
        format!("the site in {site_root} is not the one {beside} describes; rebuild with `make build`")
    } else {
        format!("{beside} is missing (cargo-leptos writes it with the hashed site), or the site was never built into {site_root}; run `make build` and start target/release/portico from the project folder")
    };
    Err(format!("the compiled site is incomplete: missing {}; {hint}", missing.join(", ")))
}

pub use crate::{uswds, USWDS_VERSION};

/// The USWDS files a page may need to look right — its CSS, fonts and images — from the list the
/// vendoring script wrote into the site (empty when the site was not built, as in tests).
pub fn uswds_files(site_root: &str) -> Vec<String> {
    let list = std::fs::read_to_string(format!("{site_root}/uswds/{USWDS_VERSION}/files.txt")).unwrap_or_default();
    uswds_files_from(&list)
}

fn uswds_files_from(list: &str) -> Vec<String> {
    list.lines()
        .map(str::trim)
        .filter(|file| {
            file.ends_with(".css") || file.ends_with(".woff2") || file.ends_with(".svg") || file.ends_with(".png")
        })
        .map(uswds)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_come_from_the_hash_file() {
        let assets = SiteAssets::from_hashes("portico", Some("js: aa11\nwasm: bb22\ncss: cc33\n"));
        assert_eq!(assets.js, "/pkg/portico.aa11.js");
        assert_eq!(assets.wasm, "/pkg/portico.bb22.wasm");
        assert_eq!(assets.css, "/pkg/portico.cc33.css");
        assert_eq!(assets.version, "aa11-bb22-cc33");
        assert!(assets.hashed());
        let plain = SiteAssets::from_hashes("portico", None);
        assert_eq!(plain.css, "/pkg/portico.css");
        assert!(!plain.hashed());
    }

    #[test]
    fn the_uswds_release_matches_the_one_npm_installs() {
        let package: serde_json::Value = serde_json::from_str(include_str!("../../../../style/package.json")).unwrap();
        assert_eq!(package["dependencies"]["@uswds/uswds"], USWDS_VERSION);
        let lock: serde_json::Value =
            serde_json::from_str(include_str!("../../../../style/package-lock.json")).unwrap();
        assert_eq!(lock["packages"]["node_modules/@uswds/uswds"]["version"], USWDS_VERSION);
    }

    #[test]
    fn the_offline_shell_takes_styles_fonts_and_images_from_the_uswds_list() {
        let files = uswds_files_from("css/uswds.min.css\nfonts/a/regular.woff2\nimg/sprite.svg\nimg/hero.jpg\n");
        assert_eq!(
            files,
            [
                format!("/uswds/{USWDS_VERSION}/css/uswds.min.css"),
                format!("/uswds/{USWDS_VERSION}/fonts/a/regular.woff2"),
                format!("/uswds/{USWDS_VERSION}/img/sprite.svg"),
            ]
        );
    }
}
