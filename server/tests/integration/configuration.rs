//! Configuration as an operator meets it: `portico serve --help` lists every variable with its
//! default; a flag wins over the environment, the environment over `.env`; bad values stop
//! start-up naming the variable, wherever they came from.

use app::server::config::SETTINGS;
use std::path::Path;
use std::process::{Command, Output};

fn portico(dir: &Path, args: &[&str], env: &[(&str, String)]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_portico"));
    command.current_dir(dir).args(args);
    for setting in SETTINGS {
        command.env_remove(setting.variable);
    }
    command.envs(env.iter().map(|(k, v)| (k, v))).output().expect("run portico")
}

fn scratch() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("portico-config-{:x}", rand::random::<u64>()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn serve_help_lists_every_variable_with_its_default() {
    let dir = scratch();
    let help = portico(&dir, &["serve", "--help"], &[]);
    assert!(help.status.success());
    let text = String::from_utf8_lossy(&help.stdout);
    for setting in SETTINGS {
        assert!(text.contains(&format!("--{} <VALUE>", setting.flag)), "{} in\n{text}", setting.flag);
        assert!(text.contains(&format!("env: {}", setting.variable)), "{} in\n{text}", setting.variable);
        if let Some(default) = setting.default {
            assert!(text.contains(default), "default {default} in\n{text}");
        }
    }
    // A secret set in the environment is never printed by --help.
    let key = "ab".repeat(32);
    let help = portico(&dir, &["serve", "--help"], &[("PORTICO_SECRET_KEY", key.clone())]);
    assert!(!String::from_utf8_lossy(&help.stdout).contains(&key));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_flag_wins_over_the_environment_which_wins_over_dot_env() {
    let dir = scratch();
    let url = |name: &str| format!("sqlite://{}?mode=rwc", dir.join(name).display());
    std::fs::write(dir.join(".env"), format!("# for this test\nDATABASE_URL={}\n", url("from-dotenv.db"))).unwrap();
    assert!(portico(&dir, &["migrate"], &[]).status.success());
    assert!(dir.join("from-dotenv.db").exists(), ".env is read");
    assert!(portico(&dir, &["migrate"], &[("DATABASE_URL", url("from-env.db"))]).status.success());
    assert!(dir.join("from-env.db").exists(), "the environment wins over .env");
    let flag = url("from-flag.db");
    assert!(portico(&dir, &["migrate", "--database-url", &flag], &[("DATABASE_URL", url("x.db"))]).status.success());
    assert!(dir.join("from-flag.db").exists() && !dir.join("x.db").exists(), "a flag wins over the environment");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn bad_values_stop_start_up_naming_the_variable_wherever_they_came_from() {
    let dir = scratch();
    std::fs::write(dir.join(".env"), "PORTICO_ENV=staging\n").unwrap();
    let from_dotenv = portico(&dir, &["migrate"], &[]);
    assert!(!from_dotenv.status.success());
    assert!(String::from_utf8_lossy(&from_dotenv.stderr).contains("PORTICO_ENV: \"staging\""));
    let from_flag = portico(&dir, &["serve", "--addr", "localhost", "--env", "development"], &[]);
    assert!(!from_flag.status.success());
    assert!(String::from_utf8_lossy(&from_flag.stderr).contains("PORTICO_ADDR"));
    std::fs::write(dir.join(".env"), "PORTICO_ENV='production\n").unwrap();
    let malformed = portico(&dir, &["migrate"], &[]);
    assert!(!malformed.status.success());
    assert!(String::from_utf8_lossy(&malformed.stderr).contains("configuration error: .env"));
    let _ = std::fs::remove_dir_all(&dir);
}
