//! Exit codes, documented in `--help` and the README.

/// How a run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// 0: every input was analysed (or the command succeeded).
    Success,
    /// 1: nothing could run: a bad flag, a bad lexicon, an unwritable output.
    Failure,
    /// 2: the run finished, but some inputs were skipped (they are listed in the report).
    Partial,
    /// 128 + the signal number: a signal stopped the run (130 SIGINT, 143 SIGTERM, 129
    /// SIGHUP), as shells report a command killed by it; no report file was written.
    Interrupted(i32),
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Partial => 2,
            Exit::Interrupted(signal) => u8::try_from(128 + signal.clamp(1, 127)).unwrap_or(255),
        }
    }
}

impl From<Exit> for std::process::ExitCode {
    fn from(e: Exit) -> Self {
        std::process::ExitCode::from(e.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable() {
        assert_eq!(
            [Exit::Success, Exit::Failure, Exit::Partial].map(Exit::code),
            [0, 1, 2]
        );
        assert_eq!(
            [2, 15, 1].map(|s| Exit::Interrupted(s).code()),
            [130, 143, 129]
        );
    }
}
