//! The configuration as command-line arguments: every variable in `config::SETTINGS` is a clap
//! argument with `env`, so `portico serve --help` lists each one with its default, a flag wins
//! over the environment, and a `.env` file (read by `main` with dotenvy) fills in what the
//! environment leaves unset. The values are then checked by `Config::from_lookup`, as in tests.

use app::server::config::{Config, ConfigError, SETTINGS};
use clap::{Arg, ArgMatches, Command};

/// The arguments, one per setting. Secret ones never show their value in `--help`.
pub fn arguments(global: bool) -> Vec<Arg> {
    SETTINGS
        .iter()
        .map(|setting| {
            let arg = Arg::new(setting.variable)
                .long(setting.flag)
                .env(setting.variable)
                .value_name("VALUE")
                .help(setting.help)
                .help_heading("Configuration (flag, or environment variable, or .env)")
                .hide_env_values(setting.secret)
                .global(global);
            match setting.default {
                Some(default) => arg.default_value(default),
                None => arg,
            }
        })
        .collect()
}

/// Adds the configuration arguments to the bare command (which serves) and to every subcommand
/// that reads the configuration (all but `smtp-sink`, which has an `--addr` of its own).
pub fn with_configuration(command: Command) -> Command {
    let names: Vec<String> =
        command.get_subcommands().map(|c| c.get_name().to_owned()).filter(|name| name != "smtp-sink").collect();
    let mut command = command.args(arguments(false));
    for name in names {
        command = command.mut_subcommand(name, |sub| sub.args(arguments(true)));
    }
    command
}

/// The configuration the command line, the environment and `.env` give, checked.
pub fn config_from(matches: &ArgMatches) -> Result<Config, ConfigError> {
    let mut leaf = matches;
    while let Some((_, sub)) = leaf.subcommand() {
        leaf = sub;
    }
    Config::from_lookup(|variable| {
        leaf.try_get_one::<String>(variable).ok().flatten().filter(|value| !value.trim().is_empty()).cloned()
    })
}

/// One of the settings as given, before it is checked (for the log format and filter, which are
/// needed before the rest).
pub fn raw(matches: &ArgMatches, variable: &str) -> Option<String> {
    let mut leaf = matches;
    while let Some((_, sub)) = leaf.subcommand() {
        leaf = sub;
    }
    leaf.try_get_one::<String>(variable).ok().flatten().cloned()
}
