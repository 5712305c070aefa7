//! Uploaded files (evidence), kept through the `object_store` crate: in a local directory by
//! default (outside the served site — nothing there has an address of its own), or in an
//! S3-compatible bucket, which several instances share. Files are only ever read through the
//! services that check who is asking (`cases::evidence`).
//!
//! A file is written whole or not at all: the local store writes to a temporary file and renames
//! it, S3 takes one PUT. A file is stored before its row is written, and removed again when the
//! row is not, so a row never names a missing file.

use crate::server::config::FilesConfig;
use bytes::Bytes;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use secrecy::ExposeSecret;
use std::sync::Arc;

#[derive(Clone, Debug)]
pub struct FileStore {
    store: Arc<dyn ObjectStore>,
}

#[derive(Debug, thiserror::Error)]
#[error("file storage: {0}")]
pub struct FileStoreError(String);

impl From<object_store::Error> for FileStoreError {
    fn from(error: object_store::Error) -> Self {
        FileStoreError(error.to_string())
    }
}

impl From<FileStoreError> for crate::error::AppError {
    fn from(error: FileStoreError) -> Self {
        crate::server::internal_error("storing a file", error)
    }
}

impl FileStore {
    pub fn from_config(config: &FilesConfig) -> Result<Self, FileStoreError> {
        let store: Arc<dyn ObjectStore> = match config {
            FilesConfig::Local(dir) => {
                std::fs::create_dir_all(dir).map_err(|e| FileStoreError(format!("{}: {e}", dir.display())))?;
                Arc::new(LocalFileSystem::new_with_prefix(dir)?)
            }
            FilesConfig::S3 { bucket, endpoint, region, access_key_id, secret_access_key } => {
                let mut builder = AmazonS3Builder::new().with_bucket_name(bucket).with_region(region);
                if let Some(endpoint) = endpoint {
                    // S3-compatible services are addressed by path (`/bucket/key`), and a local
                    // one may be plain http.
                    builder = builder
                        .with_endpoint(endpoint)
                        .with_virtual_hosted_style_request(false)
                        .with_allow_http(endpoint.starts_with("http://"));
                }
                if let Some(id) = access_key_id {
                    builder = builder.with_access_key_id(id);
                }
                if let Some(secret) = secret_access_key {
                    builder = builder.with_secret_access_key(secret.expose_secret());
                }
                Arc::new(builder.build()?)
            }
        };
        Ok(FileStore { store })
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), FileStoreError> {
        self.store.put(&Path::from(key), PutPayload::from_bytes(bytes)).await?;
        Ok(())
    }

    pub async fn get(&self, key: &str) -> Result<Bytes, FileStoreError> {
        Ok(self.store.get(&Path::from(key)).await?.bytes().await?)
    }

    /// Removes a file; one already gone is not an error.
    pub async fn delete(&self, key: &str) -> Result<(), FileStoreError> {
        match self.store.delete(&Path::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(error) => Err(error.into()),
        }
    }

    /// How many files lie directly under `prefix` (a folder of keys), for checks and tests.
    pub async fn count_under(&self, prefix: &str) -> Result<usize, FileStoreError> {
        match self.store.list_with_delimiter(Some(&Path::from(prefix))).await {
            Ok(listed) => Ok(listed.objects.len()),
            Err(object_store::Error::NotFound { .. }) => Ok(0),
            Err(error) => Err(error.into()),
        }
    }

    /// Whether a file is there (for tests and checks).
    pub async fn exists(&self, key: &str) -> Result<bool, FileStoreError> {
        match self.store.head(&Path::from(key)).await {
            Ok(_) => Ok(true),
            Err(object_store::Error::NotFound { .. }) => Ok(false),
            Err(error) => Err(error.into()),
        }
    }
}
