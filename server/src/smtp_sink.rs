//! A local SMTP sink for development and tests: it speaks just enough SMTP (RFC 5321: HELO/EHLO,
//! MAIL, RCPT, DATA, RSET, NOOP, QUIT) for a real client — lettre, here — to deliver to it, and
//! writes each message it receives to a folder as an .eml file. Nothing is relayed anywhere.
//! Run it with `portico smtp-sink`; the integration tests start one per test app.

use rand::Rng;
use std::path::{Path, PathBuf};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

/// A message larger than this is refused (552), so a runaway client cannot fill the disk.
const MAX_MESSAGE_BYTES: usize = 10 * 1024 * 1024;

/// Accepts connections on `listener` for ever, saving messages under `dir`.
pub async fn run(listener: TcpListener, dir: PathBuf) {
    loop {
        let Ok((stream, _)) = listener.accept().await else { continue };
        let dir = dir.clone();
        tokio::spawn(async move {
            if let Err(error) = session(stream, &dir).await {
                tracing::debug!(%error, "smtp sink connection ended");
            }
        });
    }
}

async fn session(stream: TcpStream, dir: &Path) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 portico-smtp-sink ESMTP ready\r\n").await?;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_ascii_uppercase();
        let reply: &[u8] = if command.starts_with("EHLO") {
            b"250-portico-smtp-sink\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if command.starts_with("HELO")
            || command.starts_with("MAIL FROM:")
            || command.starts_with("RCPT TO:")
            || command == "RSET"
            || command == "NOOP"
        {
            b"250 OK\r\n"
        } else if command == "QUIT" {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else if command == "DATA" {
            write.write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n").await?;
            match read_data(&mut lines).await? {
                Some(message) => {
                    save(dir, &message).await?;
                    b"250 OK: queued\r\n"
                }
                None => b"552 Message too large\r\n",
            }
        } else {
            b"502 Command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}

/// Reads the DATA section up to the lone "." line, undoing dot-stuffing. `None` if too large
/// (the rest is still read, so the session stays in step).
async fn read_data(lines: &mut BufReader<tokio::net::tcp::OwnedReadHalf>) -> std::io::Result<Option<String>> {
    let mut message = String::new();
    let mut too_large = false;
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Err(std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "connection closed in DATA"));
        }
        if line == ".\r\n" || line == ".\n" {
            return Ok((!too_large).then_some(message));
        }
        let unstuffed = line.strip_prefix('.').unwrap_or(&line);
        if message.len() + unstuffed.len() > MAX_MESSAGE_BYTES {
            too_large = true;
        } else if !too_large {
            message.push_str(unstuffed);
        }
    }
}

async fn save(dir: &Path, message: &str) -> std::io::Result<()> {
    tokio::fs::create_dir_all(dir).await?;
    let name =
        format!("{}-{:08x}.eml", chrono::Utc::now().format("%Y%m%dT%H%M%S%.6f"), rand::thread_rng().gen::<u32>());
    // Written under a temporary name and renamed, so a reader never sees half a message.
    let partial = dir.join(format!(".{name}.partial"));
    tokio::fs::write(&partial, message).await?;
    tokio::fs::rename(&partial, dir.join(&name)).await?;
    tracing::info!(file = %name, "smtp sink received a message");
    Ok(())
}
