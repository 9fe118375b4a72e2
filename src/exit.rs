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
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Failure => 1,
            Exit::Partial => 2,
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
    }
}
