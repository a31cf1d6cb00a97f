//! An in-memory stand-in for the service: queued answers per operation, every request validated
//! (a violation is answered with the operation's validation error, as the service would), every
//! call recorded.

use super::operation::{Operation, SdkError};
use ::std::any::Any;
use ::std::boxed::Box;
use ::std::collections::{HashMap, VecDeque};
use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::sync::Mutex;
use ::std::vec::Vec;

type Answer = Box<dyn Any + Send>;

/// One recorded call.
pub struct Call {
    operation: &'static str,
    input: Box<dyn Any + Send + Sync>,
    debug: String,
}

impl Call {
    /// The operation's name in the model.
    pub fn operation(&self) -> &'static str {
        self.operation
    }
    /// The input, if the call was to operation `O`.
    pub fn input<O: Operation>(&self) -> Option<&O::Input> {
        if self.operation == O::NAME { self.input.downcast_ref() } else { None }
    }
}

impl ::std::fmt::Debug for Call {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        write!(f, "{}({})", self.operation, self.debug)
    }
}

#[derive(Default)]
struct State {
    answers: HashMap<&'static str, VecDeque<Answer>>,
    calls: Vec<Call>,
}

/// The in-memory stub. It implements the service's API trait like the client does.
///
/// Queue answers with [`push_output`](Stub::push_output) / [`push_error`](Stub::push_error) (per
/// operation, first in first out); a call with nothing queued fails with an unhandled error.
/// Every input is checked first: a missing or empty `@httpLabel` member fails as the client would
/// (`SdkError::Construction`), a constraint violation with the operation's validation error.
#[derive(Default)]
pub struct Stub {
    state: Mutex<State>,
}

impl ::std::fmt::Debug for Stub {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.debug_struct("Stub").field("calls", &self.lock().calls).finish_non_exhaustive()
    }
}

impl Stub {
    /// An empty stub.
    pub fn new() -> Self {
        Self::default()
    }
    fn lock(&self) -> ::std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
    /// Queues an answer for operation `O`.
    pub fn push<O: Operation>(&self, answer: Result<O::Output, O::Error>) -> &Self {
        self.lock().answers.entry(O::NAME).or_default().push_back(Box::new(answer));
        self
    }
    /// Queues an output for operation `O`.
    pub fn push_output<O: Operation>(&self, output: O::Output) -> &Self {
        self.push::<O>(Ok(output))
    }
    /// Queues an error for operation `O`.
    pub fn push_error<O: Operation>(&self, error: O::Error) -> &Self {
        self.push::<O>(Err(error))
    }
    /// Names of the operations called, in order.
    pub fn operations(&self) -> Vec<&'static str> {
        self.lock().calls.iter().map(|c| c.operation).collect()
    }
    /// The inputs of the calls to operation `O`, in order.
    pub fn inputs<O: Operation>(&self) -> Vec<O::Input> {
        self.lock().calls.iter().filter_map(|c| c.input::<O>().cloned()).collect()
    }
    /// Runs `f` on the recorded calls.
    pub fn with_calls<R>(&self, f: impl FnOnce(&[Call]) -> R) -> R {
        f(&self.lock().calls)
    }
    /// Answers queued and not yet used, for operation `O`.
    pub fn pending<O: Operation>(&self) -> usize {
        self.lock().answers.get(O::NAME).map_or(0, VecDeque::len)
    }
    /// Records the call, checks the input and answers with the next queued answer.
    pub async fn call<O: Operation>(&self, input: O::Input) -> Result<O::Output, SdkError<O::Error>> {
        self.answer::<O>(input)
    }
    /// [`call`](Stub::call) without the future: the API trait's methods wrap it in a ready one,
    /// so no async state machine is compiled per operation.
    pub fn answer<O: Operation>(&self, input: O::Input) -> Result<O::Output, SdkError<O::Error>> {
        let debug = format!("{input:?}");
        let built = O::build_request(&input, "https://stub.invalid").map(drop);
        let checked = O::validate(&input);
        self.record(O::NAME, Box::new(input), debug);
        built.map_err(SdkError::Construction)?;
        if let Err(violations) = checked {
            return Err(SdkError::Service(O::invalid_input(violations.to_string())));
        }
        match self.next_answer(O::NAME).and_then(|a| a.downcast::<Result<O::Output, O::Error>>().ok()).map(|a| *a) {
            Some(Ok(output)) => Ok(output),
            Some(Err(e)) => Err(SdkError::Service(e)),
            None => Err(SdkError::Service(O::unhandled(exhausted(O::NAME)))),
        }
    }
    fn record(&self, operation: &'static str, input: Box<dyn Any + Send + Sync>, debug: String) {
        self.lock().calls.push(Call { operation, input, debug });
    }
    /// Takes the next answer queued for the operation (only for a call that passed the checks).
    fn next_answer(&self, operation: &str) -> Option<Answer> {
        self.lock().answers.get_mut(operation).and_then(VecDeque::pop_front)
    }
}

/// The error of a call with no answer queued.
fn exhausted(operation: &str) -> super::response::Unhandled {
    let message = format!("the stub has no answer queued for {operation}");
    super::response::Unhandled::new(500, Some("StubExhausted".into()), Some(message), Vec::new())
}
