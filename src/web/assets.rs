//! Static files, embedded in the binary so it runs from any folder. URLs carry a content
//! hash, so the files can be cached for a year and still change with each release.

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use sha2::{Digest, Sha256};
use std::sync::OnceLock;

struct Asset {
    name: &'static str,
    content_type: &'static str,
    bytes: &'static [u8],
}

const ASSETS: &[Asset] = &[
    Asset {
        name: "app.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../static/app.css"),
    },
    Asset {
        name: "app.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/app.js"),
    },
    Asset {
        name: "htmx.min.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/vendor/htmx.min.js"),
    },
    Asset {
        name: "swagger-ui-bundle.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/vendor/swagger-ui-bundle.js"),
    },
    Asset {
        name: "swagger-ui.css",
        content_type: "text/css; charset=utf-8",
        bytes: include_bytes!("../../static/vendor/swagger-ui.css"),
    },
    Asset {
        name: "api-docs.js",
        content_type: "text/javascript; charset=utf-8",
        bytes: include_bytes!("../../static/api-docs.js"),
    },
];

fn hashes() -> &'static Vec<String> {
    static HASHES: OnceLock<Vec<String>> = OnceLock::new();
    HASHES.get_or_init(|| {
        ASSETS
            .iter()
            .map(|a| {
                let d = Sha256::digest(a.bytes);
                d.iter().take(6).map(|b| format!("{b:02x}")).collect()
            })
            .collect()
    })
}

/// `/static/<hash>/<name>` for an embedded file.
pub fn url(name: &str) -> String {
    match ASSETS.iter().position(|a| a.name == name) {
        Some(i) => format!("/static/{}/{}", hashes()[i], name),
        None => format!("/static/missing/{name}"),
    }
}

pub async fn serve(path: web::Path<(String, String)>) -> HttpResponse {
    let (hash, name) = path.into_inner();
    match ASSETS.iter().position(|a| a.name == name) {
        Some(i) => {
            let asset = &ASSETS[i];
            let cache = if hashes()[i] == hash {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            };
            HttpResponse::Ok()
                .content_type(asset.content_type)
                .insert_header((header::CACHE_CONTROL, cache))
                .body(asset.bytes)
        }
        None => HttpResponse::NotFound().finish(),
    }
}
