//! The `portico` command: serve the portal, migrate the database, or seed the demo data.

use app::server::clock::SystemClock;
use app::server::config::{Config, Environment};
use app::server::seed;
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use portico_server::{build_state, connect, migrate, serve_until, StartError};
use std::sync::Arc;

#[derive(Parser)]
#[command(name = "portico", version, about = "Portico: a self-hostable immigration case portal")]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the portal on PORTICO_ADDR (the default when no command is given).
    Serve {
        /// Apply pending migrations before serving.
        #[arg(long)]
        migrate: bool,
        /// Migrate and load the demo data before serving, as `seed` does (for `make dev`, which
        /// restarts the server on every change; refused in production).
        #[arg(long)]
        seed_demo: bool,
    },
    /// Apply pending database migrations and exit.
    Migrate,
    /// Load the demo people, cases and account (safe to run again) and print the demo sign-in.
    /// Refused when PORTICO_ENV=production: the demo account's password and authenticator key are
    /// published.
    Seed {
        /// Load the demo data even in production (never on a real deployment).
        #[arg(long)]
        allow_demo_data_in_production: bool,
    },
    /// Copy a running SQLite deployment into FILE (a new file), online, and check the copy.
    /// PostgreSQL deployments use pg_dump instead (README, "Backups").
    Backup {
        /// Where the copy goes; must not exist yet.
        file: std::path::PathBuf,
    },
    /// Re-seal every stored secret (authenticator keys, codes in flight) with PORTICO_SECRET_KEY,
    /// opening them with PORTICO_PREVIOUS_SECRET_KEYS; see README, "Deploying". Safe to run while
    /// serving, and again.
    RotateKey,
    /// List the open reports of records linked by someone else, oldest first (for the contact center).
    Disputes,
    /// Add people, accounts and cases in bulk for measuring at scale (PostgreSQL only; see
    /// docs/performance.md, "Scale"). Never on a real deployment.
    Generate {
        /// People to add, each with an applicant account linked to their record.
        #[arg(long)]
        accounts: u64,
        /// Cases to add, spread over those people (each with its history and receipt notice).
        #[arg(long)]
        cases: u64,
    },
    /// Manage staff accounts.
    Staff {
        #[command(subcommand)]
        command: StaffCommand,
    },
    /// Run a local SMTP sink that keeps every message it receives as an .eml file in `--dir`
    /// (for development and tests; point PORTICO_SMTP_URL at smtp://ADDR).
    SmtpSink {
        #[arg(long, default_value = "127.0.0.1:2525")]
        addr: std::net::SocketAddr,
        #[arg(long, default_value = "data/smtp-sink")]
        dir: std::path::PathBuf,
    },
}

#[derive(Subcommand)]
enum StaffCommand {
    /// Add a staff member (or give an existing one a fresh set-up link) and print the one-time
    /// set-up link (valid 72 hours) where they choose a password and set up an authenticator app.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// officer, contact_center or administrator
        #[arg(long)]
        role: String,
        /// The office whose queue an officer works (NBC, NYC, LOS, MIA).
        #[arg(long)]
        office: Option<String>,
    },
}

#[tokio::main]
async fn main() {
    // A `.env` in the working directory (not its parents) fills in variables the environment
    // leaves unset.
    match dotenvy::from_path(".env") {
        Ok(()) => {}
        Err(error) if error.not_found() => {}
        Err(error) => {
            eprintln!("portico: configuration error: .env: {error}");
            std::process::exit(1);
        }
    }
    let matches = portico_server::settings::with_configuration(Cli::command()).get_matches();
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|error| error.exit());
    let filter = portico_server::settings::raw(&matches, "RUST_LOG").unwrap_or_default();
    let filter = tracing_subscriber::EnvFilter::try_new(&filter).unwrap_or_else(|error| {
        eprintln!("portico: configuration error: RUST_LOG: {filter:?} is not a log filter ({error})");
        std::process::exit(1);
    });
    // `PORTICO_LOG_FORMAT=json`: one JSON object per line (with the request's span and its id),
    // for log collectors; plain text otherwise.
    match portico_server::settings::raw(&matches, "PORTICO_LOG_FORMAT").unwrap_or_default().trim() {
        "" | "text" => tracing_subscriber::fmt().with_env_filter(filter).init(),
        "json" => tracing_subscriber::fmt().json().with_current_span(true).with_env_filter(filter).init(),
        other => {
            eprintln!("portico: configuration error: PORTICO_LOG_FORMAT: {other:?} is neither text nor json");
            std::process::exit(1);
        }
    }
    if let Err(error) = run(cli, &matches).await {
        eprintln!("portico: {error}");
        std::process::exit(1);
    }
}

async fn run(cli: Cli, matches: &clap::ArgMatches) -> Result<(), StartError> {
    if let Some(Command::SmtpSink { addr, dir }) = cli.command {
        let listener = tokio::net::TcpListener::bind(addr).await.map_err(|error| StartError::Listen { addr, error })?;
        println!("SMTP sink on smtp://{addr}, saving messages to {}", dir.display());
        portico_server::smtp_sink::run(listener, dir).await;
        return Ok(());
    }
    let config = portico_server::settings::config_from(matches)?;
    let db = connect(&config).await?;
    match cli.command.unwrap_or(Command::Serve { migrate: false, seed_demo: false }) {
        Command::Migrate => {
            migrate(&db).await?;
            println!("Database is up to date.");
        }
        Command::Seed { allow_demo_data_in_production } => {
            refuse_demo_data_in_production(&config, allow_demo_data_in_production)?;
            migrate(&db).await?;
            let state = build_state(config, db, Arc::new(SystemClock))?;
            seed_and_print(&state).await?;
        }
        Command::Backup { file } => {
            let report = portico_server::backup::backup_sqlite(&db, &file).await?;
            println!(
                "Backed up to {} ({} KB, {} accounts, {} cases); the copy passed SQLite's integrity check.",
                file.display(),
                report.bytes.div_ceil(1024),
                report.accounts,
                report.cases
            );
            println!("To restore: stop Portico, put this file in place of the database file, start Portico.");
        }
        Command::RotateKey => {
            let state = build_state(config, db, Arc::new(SystemClock))?;
            let done =
                app::server::key_rotation::reseal_all(&state).await.map_err(|e| StartError::Refused(e.to_string()))?;
            println!(
                "Re-sealed {} values with key {}; {} already were; {} changed meanwhile (run again).",
                done.resealed,
                state.config.secret_key.id(),
                done.current,
                done.changed_meanwhile
            );
            if done.unopenable > 0 {
                return Err(StartError::Refused(format!(
                    "{} sealed values open with none of the configured keys and were left as they are: list the key \
                     that sealed them in PORTICO_PREVIOUS_SECRET_KEYS and run again",
                    done.unopenable
                )));
            }
        }
        Command::Disputes => {
            let state = build_state(config, db, Arc::new(SystemClock))?;
            let open = app::server::identity::record_link::open_disputes(&state)
                .await
                .map_err(|e| StartError::Refused(e.to_string()))?;
            if open.is_empty() {
                println!("No open disputes.");
            }
            for dispute in open {
                println!(
                    "#{} {} account {} about record {}: {}",
                    dispute.id,
                    dispute.created_at.format("%Y-%m-%d %H:%M UTC"),
                    dispute.account_id,
                    dispute.record_id,
                    dispute.details.replace('\n', " ")
                );
            }
        }
        Command::Generate { accounts, cases } => {
            if config.environment == Environment::Production {
                return Err(StartError::Refused(
                    "generate adds made-up people: never with PORTICO_ENV=production".into(),
                ));
            }
            migrate(&db).await?;
            let started = std::time::Instant::now();
            let state = build_state(config, db.clone(), Arc::new(SystemClock))?;
            // Every generated account gets the hash of a password no one knows.
            let unknown = app::server::identity::session_policy::new_token();
            let password_hash = state
                .passwords
                .hash(app::domain::Password::for_verification(&unknown))
                .await
                .map_err(|e| StartError::Refused(e.to_string()))?;
            let done = portico_server::generate::generate(&db, &password_hash, accounts, cases, chrono::Utc::now())
                .await
                .map_err(|e| StartError::Refused(format!("generating: {e}")))?;
            println!(
                "Added {} records, {} accounts, {} cases, {} history events, {} notices and {} appointments in {:.0} s.",
                done.records,
                done.accounts,
                done.cases,
                done.events,
                done.notices,
                done.appointments,
                started.elapsed().as_secs_f64()
            );
        }
        Command::Staff { command: StaffCommand::Add { email, name, role, office } } => {
            migrate(&db).await?;
            let state = build_state(config, db, Arc::new(SystemClock))?;
            let link = app::server::staff::accounts::add(&state, &email, &name, &role, office.as_deref())
                .await
                .map_err(|e| StartError::Refused(e.to_string()))?;
            println!("Staff member {email} added as {role}.");
            println!("Hand over this one-time set-up link (valid 72 hours):");
            println!();
            println!("  {link}");
            println!();
        }
        Command::Serve { migrate: run_migrations, seed_demo } => {
            app::server::web::assets::check_site(&config.site_root).map_err(StartError::Refused)?;
            if seed_demo {
                refuse_demo_data_in_production(&config, false)?;
            }
            if run_migrations || seed_demo {
                migrate(&db).await?;
            }
            let addr = config.addr;
            let state = build_state(config, db, Arc::new(SystemClock))?;
            if seed_demo {
                seed_and_print(&state).await?;
            }
            let listener =
                tokio::net::TcpListener::bind(addr).await.map_err(|error| StartError::Listen { addr, error })?;
            tracing::info!("Portico is serving on http://{addr}");
            let shutdown = tokio_util::sync::CancellationToken::new();
            tokio::spawn(stop_on_signal(shutdown.clone()));
            if let Some(admin) = state.config.admin_addr {
                let listener = tokio::net::TcpListener::bind(admin)
                    .await
                    .map_err(|error| StartError::Listen { addr: admin, error })?;
                tracing::info!("metrics on http://{admin}/metrics");
                tokio::spawn(portico_server::metrics::serve_admin(listener, state.clone(), shutdown.clone()));
            }
            serve_until(listener, state, shutdown).await.map_err(|error| StartError::Listen { addr, error })?;
        }
        Command::SmtpSink { .. } => unreachable!("handled before the configuration is read"),
    }
    Ok(())
}

fn refuse_demo_data_in_production(config: &Config, allowed: bool) -> Result<(), StartError> {
    if config.environment == Environment::Production && !allowed {
        return Err(StartError::Seed(
            "refusing to load the demo data with PORTICO_ENV=production: the demo account's password and \
             authenticator key are published (`portico seed --allow-demo-data-in-production` loads them anyway: \
             only ever on a throwaway deployment)."
                .to_owned(),
        ));
    }
    Ok(())
}

/// Loads the demo data (safe to run again) and prints the demo sign-ins.
async fn seed_and_print(state: &app::server::AppState) -> Result<(), StartError> {
    let report = seed::seed_demo(state, state.now()).await.map_err(|e| StartError::Seed(e.to_string()))?;
    println!(
        "Demo data: {} new people, demo account {}.",
        report.people_created,
        if report.demo_account_created { "created" } else { "already present" }
    );
    let to_link = seed::RECORD_TO_LINK;
    let (y, m, d) = to_link.date_of_birth;
    println!();
    println!("  Demo sign-in:      {} / {}", seed::DEMO_EMAIL, seed::DEMO_PASSWORD);
    println!("  Second factor:     oathtool --totp -b {}", seed::DEMO_TOTP_SECRET_BASE32);
    println!(
            "  Paper cases:       {} with access code {}; {} with the date of birth 4/28/1986 (\"Add a case filed on paper\")",
            seed::PAPER_CASE_WITH_CODE,
            seed::PAPER_CASE_ACCESS_CODE,
            seed::PAPER_CASE_BY_DATE_OF_BIRTH
        );
    println!(
        "  Record to link:    A-Number {}, {}, born {m}/{d}/{y} in {}",
        to_link.a_number.unwrap_or_default(),
        to_link.full_name,
        to_link.country_of_birth
    );
    println!("  Access code:       {} (from the record's Account Access Notice)", to_link.access_code);
    println!();
    println!("  Staff console:     http://{}/staff/sign-in", state.config.addr);
    for staff in seed::staff_and_queue::DEMO_STAFF {
        println!(
            "  {:<19}{} / {} (same authenticator key)",
            format!("{}:", staff.role.title()),
            staff.email,
            seed::staff_and_queue::DEMO_STAFF_PASSWORD
        );
    }
    println!("                     (create a new account; its confirmation link is written to data/outbox/;");
    println!("                      confirm, sign in, then link the account with these details and the code;");
    println!("                      without the code, a new notice is written to data/paper-outbox/)");
    println!();
    Ok(())
}

/// Cancels `shutdown` on SIGTERM (systemd, containers) or Ctrl-C.
async fn stop_on_signal(shutdown: tokio_util::sync::CancellationToken) {
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::warn!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    tokio::select! {
        _ = terminate => {}
        _ = tokio::signal::ctrl_c() => {}
    }
    tracing::info!("stopping: no new connections; finishing the requests in flight");
    shutdown.cancel();
}
