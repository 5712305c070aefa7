//! Rotating `PORTICO_SECRET_KEY` as the README describes: the new key becomes current, the old one
//! is listed in `PORTICO_PREVIOUS_SECRET_KEYS`, and `portico rotate-key` re-seals every stored
//! secret. Afterwards the new key alone opens the authenticator secrets; backup codes made before
//! (stored only as keyed hashes) work while the old key is listed, and not once it is removed.

use crate::common::*;
use app::server::config::DEVELOPMENT_SECRET_KEY_HEX;
use app::server::entities::account;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

fn rotate(database_url: &str, key: &str, previous: Option<&str>) -> std::process::Output {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_portico"));
    command.arg("rotate-key").env("DATABASE_URL", database_url).env("PORTICO_SECRET_KEY", key);
    match previous {
        Some(previous) => command.env("PORTICO_PREVIOUS_SECRET_KEYS", previous),
        None => command.env_remove("PORTICO_PREVIOUS_SECRET_KEYS"),
    };
    command.output().expect("run portico rotate-key")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_rotated_key_opens_every_secret_and_old_codes_last_while_the_old_key_is_listed() {
    let app = spawn_app().await;
    let database_url = app.state.config.database_url.clone();
    let demo = app.account_id(DEMO_EMAIL).await;
    let codes = app::server::identity::second_factors::challenge::regenerate_backup_codes(
        &app.state,
        demo,
        &Default::default(),
    )
    .await
    .unwrap();
    let secret_before = app.totp_secret(DEMO_EMAIL).await;
    let new_key = "5e".repeat(32);

    let rotated = rotate(&database_url, &new_key, Some(DEVELOPMENT_SECRET_KEY_HEX));
    let said = String::from_utf8_lossy(&rotated.stdout).into_owned();
    assert!(rotated.status.success(), "{said}{}", String::from_utf8_lossy(&rotated.stderr));
    let resealed: usize = said.split_whitespace().nth(1).and_then(|n| n.parse().ok()).expect("a count");
    assert!(resealed >= 2, "the demo applicant's and the staff's secrets: {said}");
    let new_id = app::server::secrets::SecretKey::from_hex(&new_key).unwrap().id().to_owned();
    for owner in
        account::Entity::find().filter(account::Column::TotpSecret.is_not_null()).all(&app.state.db).await.unwrap()
    {
        assert!(owner.totp_secret.unwrap().starts_with(&format!("v2.{new_id}.")));
    }
    let again = rotate(&database_url, &new_key, Some(DEVELOPMENT_SECRET_KEY_HEX));
    assert!(String::from_utf8_lossy(&again.stdout).starts_with("Re-sealed 0 values"), "running it again does nothing");

    // The new key alone: the authenticator works (same secret), the old backup codes do not.
    let alone = spawn_app_with(&[("DATABASE_URL", &database_url), ("PORTICO_SECRET_KEY", &new_key)]).await;
    assert_eq!(alone.totp_secret(DEMO_EMAIL).await, secret_before);
    let browser = alone.browser();
    let signed_in = alone.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await;
    assert!(!signed_in.starts_with("/sign-in"), "{signed_in}");
    let browser = alone.browser();
    browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    let with_backup = [("method", "backup_code"), ("code", codes[0].as_str())];
    assert_eq!(
        location(&browser.submit("verify_sign_in", &with_backup).await),
        "/sign-in/verify?method=backup_code&error=code_invalid"
    );
    // With the old key listed, they do.
    let listed = spawn_app_with(&[
        ("DATABASE_URL", &database_url),
        ("PORTICO_SECRET_KEY", &new_key),
        ("PORTICO_PREVIOUS_SECRET_KEYS", DEVELOPMENT_SECRET_KEY_HEX),
    ])
    .await;
    let browser = listed.browser();
    browser.sign_in_password(DEMO_EMAIL, DEMO_PASSWORD).await;
    let signed_in = location(&browser.submit("verify_sign_in", &with_backup).await);
    assert!(!signed_in.starts_with("/sign-in"), "{signed_in}");

    // A key that opens nothing here: said, and nothing is touched.
    let wrong = rotate(&database_url, &"77".repeat(32), None);
    assert!(!wrong.status.success());
    assert!(String::from_utf8_lossy(&wrong.stderr).contains("open with none of the configured keys"));
    assert_eq!(listed.totp_secret(DEMO_EMAIL).await, secret_before);
}
