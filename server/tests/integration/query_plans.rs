//! The busiest reads keep their speed as the tables grow: every statement the server runs for the
//! applicant's dashboard and case page, the officer's queue, searches and case page, and the
//! once-a-minute look for unfinished sign-ins, is
//! recorded as it is sent (sea-orm's metric callback), then explained by the database itself. No
//! plan may read a table that grows with accounts or cases from end to end.
//!
//! - **PostgreSQL**: explained with `enable_seqscan` off, so the planner takes any index that can
//!   answer the statement however small the test's tables are; a sequential scan left in the plan
//!   means no index can.
//! - **SQLite**: `EXPLAIN QUERY PLAN`; a `SCAN <table>` without an index is a read of the whole
//!   table (SQLite's planner uses an index where one fits, without statistics).

use crate::common::{body, spawn_app, TestApp};
use crate::staff::staff_browser;
use app::domain::Role;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use sea_orm::{ConnectionTrait, DbBackend, Statement};

/// Tables that do not grow with accounts or cases (one row per form and office, say): reading
/// them whole is fine.
const SMALL_TABLES: [&str; 2] = ["processing_times", "seaql_migrations"];

/// The tables of the database (a plan also scans subqueries' results, which are not tables).
async fn tables(app: &TestApp) -> Vec<String> {
    let db = &app.state.db;
    let sql = match db.get_database_backend() {
        DbBackend::Postgres => "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
        _ => "SELECT name FROM sqlite_master WHERE type = 'table'",
    };
    let rows = db.query_all_raw(Statement::from_string(db.get_database_backend(), sql)).await.unwrap();
    rows.iter().map(|row| row.try_get_by_index::<String>(0).unwrap()).collect()
}

/// The full reads of large tables in the plan of `sql`, as the database describes them.
async fn full_reads(app: &TestApp, sql: &str) -> (Vec<String>, String) {
    let db = &app.state.db;
    let tables = tables(app).await;
    let large = |table: &String| tables.contains(table) && !SMALL_TABLES.contains(&table.as_str());
    match db.get_database_backend() {
        DbBackend::Postgres => {
            let tx = app::server::begin_write(db).await.unwrap();
            tx.execute_unprepared("SET LOCAL enable_seqscan = off").await.unwrap();
            let rows = tx
                .query_all_raw(Statement::from_string(DbBackend::Postgres, format!("EXPLAIN {sql}")))
                .await
                .unwrap_or_else(|e| panic!("EXPLAIN {sql}: {e}"));
            tx.rollback().await.unwrap();
            let lines: Vec<String> = rows.iter().map(|r| r.try_get_by_index::<String>(0).unwrap()).collect();
            let full = lines
                .iter()
                .filter_map(|line| line.split("Seq Scan on ").nth(1))
                .filter_map(|rest| rest.split_whitespace().next())
                .map(|table| table.trim_matches('"').to_owned())
                .filter(large)
                .collect();
            (full, lines.join("\n"))
        }
        _ => {
            let rows = db
                .query_all_raw(Statement::from_string(DbBackend::Sqlite, format!("EXPLAIN QUERY PLAN {sql}")))
                .await
                .unwrap_or_else(|e| panic!("EXPLAIN QUERY PLAN {sql}: {e}"));
            let details: Vec<String> = rows.iter().map(|r| r.try_get::<String>("", "detail").unwrap()).collect();
            let full = details
                .iter()
                .filter_map(|detail| detail.strip_prefix("SCAN "))
                .filter(|rest| !rest.contains(" USING "))
                .map(|rest| rest.split_whitespace().next().unwrap_or_default().trim_matches('"').to_owned())
                .filter(large)
                .collect();
            (full, details.join("\n"))
        }
    }
}

/// Records what `visit` makes the server read, and explains each read.
async fn reads_of(app: &TestApp, what: &str, visit: impl std::future::Future<Output = ()>) -> Vec<String> {
    app.record_statements();
    visit.await;
    let reads: Vec<String> = app
        .recorded_statements()
        .into_iter()
        .filter(|sql| sql.trim_start().to_ascii_uppercase().starts_with("SELECT"))
        .collect();
    assert!(!reads.is_empty(), "{what}: the server read something");
    println!("{what}: {} reads", reads.len());
    let mut failures = Vec::new();
    for sql in &reads {
        let (full, plan) = full_reads(app, sql).await;
        if !full.is_empty() {
            failures.push(format!("{what} reads all of {full:?}:\n  {sql}\n  plan:\n{plan}"));
        }
    }
    failures
}

#[tokio::test]
async fn the_busiest_reads_use_an_index_on_every_large_table() {
    let app = spawn_app().await;
    let applicant = app.browser();
    app.sign_in(&applicant, DEMO_EMAIL, DEMO_PASSWORD).await;
    let officer = staff_browser(&app, Role::Officer).await;

    let mut failures = Vec::new();
    failures.extend(
        reads_of(&app, "the dashboard", async {
            assert!(body(applicant.get("/dashboard").await).await.contains("IOE0912345601"));
        })
        .await,
    );
    failures.extend(
        reads_of(&app, "a case page", async {
            assert_eq!(applicant.get("/cases/IOE0912345601").await.status(), 200);
        })
        .await,
    );
    failures.extend(
        reads_of(&app, "the officer's queue", async {
            assert_eq!(officer.get("/staff").await.status(), 200);
        })
        .await,
    );
    for (what, query) in [
        ("a search by receipt number", "q=EAC2290123403"),
        ("a search by A-Number", "q=A087654321"),
        ("a search by name", "q=GARCIA+maria"),
        ("a search by status", "status=request_for_evidence_was_sent"),
        ("another office's queue", "office=MIA"),
    ] {
        failures.extend(
            reads_of(&app, what, async {
                assert_eq!(officer.get(&format!("/staff?{query}")).await.status(), 200);
            })
            .await,
        );
    }
    failures.extend(
        reads_of(&app, "the officer's case page", async {
            assert_eq!(officer.get("/staff/cases/EAC2290123403").await.status(), 200);
        })
        .await,
    );
    // Not a page: the once-a-minute look for unfinished sign-ins, which every instance runs.
    failures.extend(
        reads_of(&app, "the look for unfinished sign-ins", async {
            app::server::identity::sign_in::report_unfinished_sign_ins(&app.state).await.unwrap();
        })
        .await,
    );
    assert!(failures.is_empty(), "{} on {}:\n\n{}", failures.len(), app.backend, failures.join("\n\n"));
}

/// The dashboard is the page read most, so what it asks of the database is counted: the session
/// with its account, the header's unread count, the cases with their record, their notices, their
/// appointments, and the unread answers to inquiries. A change that adds a statement here fails
/// until this count (and docs/performance.md, "Pages under load") says why.
#[tokio::test]
async fn the_dashboard_asks_the_database_six_things() {
    let app = spawn_app().await;
    let applicant = app.browser();
    app.sign_in(&applicant, DEMO_EMAIL, DEMO_PASSWORD).await;
    // The fewest of three visits: the server's background rounds (the outbox every two seconds)
    // may run beside one of them and are not the page's.
    let mut fewest: Option<Vec<String>> = None;
    for _ in 0..3 {
        app.record_statements();
        assert!(body(applicant.get("/dashboard").await).await.contains("IOE0912345601"));
        let statements = app.recorded_statements();
        if fewest.as_ref().is_none_or(|fewest| statements.len() < fewest.len()) {
            fewest = Some(statements);
        }
    }
    let statements = fewest.unwrap();
    assert_eq!(statements.len(), 6, "{} on {}:\n{}", statements.len(), app.backend, statements.join("\n"));
}
