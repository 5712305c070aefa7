//! Backups and restores as the README describes them: `portico backup FILE` on a running SQLite
//! deployment; `pg_dump` / `pg_restore` on PostgreSQL. Each is restored and served again: what was
//! there at the backup signs in, what came after is not there.

use crate::common::*;
use sea_orm::{ConnectionTrait, Database};

const BEFORE: &str = "before-backup@example.com";
const AFTER: &str = "after-backup@example.com";

fn portico(args: &[&str], database_url: &str) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_portico"))
        .args(args)
        .env("DATABASE_URL", database_url)
        .output()
        .expect("run portico")
}

/// Serves `database_url` as a fresh instance would after a restore, and checks what it holds.
async fn restored_holds_the_backup(database_url: &str) {
    let restored = spawn_app_with(&[("DATABASE_URL", database_url)]).await;
    let browser = restored.browser();
    let signed_in = restored.sign_in(&browser, BEFORE, NEW_PASSWORD).await;
    assert!(!signed_in.starts_with("/sign-in"), "the account from before the backup signs in: {signed_in}");
    let later = location(&restored.browser().sign_in_password(AFTER, NEW_PASSWORD).await);
    assert_eq!(later, "/sign-in?error=invalid_credentials", "the account made after the backup is not there");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_backup_restores_to_a_portal_that_serves_what_it_held() {
    let app = spawn_app().await;
    app.new_account(BEFORE).await;
    let database_url = app.state.config.database_url.clone();
    let dir = std::env::temp_dir().join(format!("portico-backup-{:x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    if app.backend == "sqlite" {
        // Online: the server above keeps serving while the copy is taken.
        let file = dir.join("portico-backup.db");
        let taken = portico(&["backup", file.to_str().unwrap()], &database_url);
        let said = String::from_utf8_lossy(&taken.stdout);
        assert!(taken.status.success(), "{said}{}", String::from_utf8_lossy(&taken.stderr));
        assert!(said.contains("integrity check") && said.contains("cases"), "{said}");
        let again = portico(&["backup", file.to_str().unwrap()], &database_url);
        assert!(!again.status.success());
        assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
        app.new_account(AFTER).await;
        restored_holds_the_backup(&format!("sqlite://{}?mode=rwc", file.display())).await;
    } else {
        let refused = portico(&["backup", dir.join("x.db").to_str().unwrap()], &database_url);
        assert!(!refused.status.success());
        assert!(String::from_utf8_lossy(&refused.stderr).contains("pg_dump"), "PostgreSQL is pointed to pg_dump");
        // The procedure the README gives for PostgreSQL.
        let dump = dir.join("portico.dump");
        let dumped = std::process::Command::new("pg_dump")
            .args(["--format=custom", "--file", dump.to_str().unwrap(), &database_url])
            .output()
            .expect("pg_dump is installed with PostgreSQL");
        assert!(dumped.status.success(), "{}", String::from_utf8_lossy(&dumped.stderr));
        app.new_account(AFTER).await;
        let (server, _) = database_url.rsplit_once('/').unwrap();
        let name = format!("portico_test_restored_{:x}", rand::random::<u32>());
        let admin = Database::connect(format!("{server}/postgres")).await.unwrap();
        admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
        admin.close().await.ok();
        let restored_url = format!("{server}/{name}");
        let restored = std::process::Command::new("pg_restore")
            .args(["--no-owner", "--exit-on-error", "--dbname", &restored_url, dump.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
        restored_holds_the_backup(&restored_url).await;
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Instances started together with `--migrate` on one empty PostgreSQL database: one migrates,
/// the others wait and find nothing to do, and all start. (A SQLite deployment has one instance.)
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn instances_migrating_at_once_all_start() {
    let Some(admin_url) = std::env::var("TEST_DATABASE_URL").ok().filter(|u| !u.is_empty()) else { return };
    let name = format!("portico_test_migrate_{:x}", rand::random::<u32>());
    let admin = Database::connect(admin_url.as_str()).await.unwrap();
    admin.execute_unprepared(&format!("CREATE DATABASE {name}")).await.unwrap();
    admin.close().await.ok();
    let (server, _) = admin_url.rsplit_once('/').unwrap();
    let url = format!("{server}/{name}");
    let starts = (0..3).map(|_| {
        let url = url.clone();
        tokio::spawn(async move {
            let config =
                app::server::config::Config::from_lookup(|v| (v == "DATABASE_URL").then(|| url.clone())).unwrap();
            let db = portico_server::connect(&config).await.unwrap();
            portico_server::migrate(&db).await
        })
    });
    for started in futures::future::join_all(starts).await {
        started.unwrap().expect("every instance starts");
    }
    let db = Database::connect(url.as_str()).await.unwrap();
    let applied = db
        .query_one_raw(sea_orm::Statement::from_string(
            sea_orm::DbBackend::Postgres,
            "SELECT COUNT(*) - COUNT(DISTINCT version) FROM seaql_migrations",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<i64>(0)
        .unwrap();
    assert_eq!(applied, 0, "each migration applied once");
}
