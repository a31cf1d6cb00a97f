//! An in-memory stand-in for the service: queued answers per operation, every request validated
//! (a violation is answered with the operation's validation error, as the service would), every
//! call recorded.

use super::operation::{Operation, SdkError};
use super::response::ResponseMeta;
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
        if self.operation == O::NAME {
            self.input.downcast_ref()
        } else {
            None
        }
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
            return Err(SdkError::Service(O::invalid_input(violations.to_string()), ResponseMeta::none()));
        }
        match self.next_answer(O::NAME).and_then(|a| a.downcast::<Result<O::Output, O::Error>>().ok()).map(|a| *a) {
            Some(Ok(output)) => Ok(output),
            Some(Err(e)) => Err(SdkError::Service(e, ResponseMeta::none())),
            None => Err(SdkError::Service(O::unhandled(exhausted(O::NAME)), ResponseMeta::none())),
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
#[cfg(test)]
mod tests {
    use super::super::http::{BuildRequestError, RequestWriter};
    use super::super::operation::ServiceError;
    use super::super::response::Unhandled;
    use super::super::validate::{self, Path, Validate, ValidationError, Violation};
    use super::*;

    #[derive(Clone, Debug, PartialEq)]
    struct GetInput {
        id: Option<String>,
    }

    impl Validate for GetInput {
        fn validate_into<'a>(&'a self, path: &mut Path<'a>, out: &mut Vec<Violation>) {
            let mark = path.push("Id");
            if let Some(id) = &self.id {
                validate::length_str(path, id, Some(2), None, out);
            }
            path.pop(mark);
        }
    }

    #[derive(Debug, PartialEq)]
    enum TestError {
        NotFound,
        Validation(String),
        Unhandled { status: u16, code: Option<String>, message: Option<String> },
    }

    impl ::std::fmt::Display for TestError {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            write!(f, "{self:?}")
        }
    }

    impl ::std::error::Error for TestError {}

    impl ServiceError for TestError {
        fn code(&self) -> Option<&str> {
            match self {
                TestError::NotFound => Some("NotFound"),
                TestError::Validation(_) => Some("ValidationException"),
                TestError::Unhandled { code, .. } => code.as_deref(),
            }
        }
        fn message(&self) -> Option<&str> {
            match self {
                TestError::Validation(m) => Some(m),
                TestError::Unhandled { message, .. } => message.as_deref(),
                TestError::NotFound => None,
            }
        }
    }

    /// `GET /things/{Id}`, with `Id` at least two characters long.
    struct Get;

    impl Operation for Get {
        type Input = GetInput;
        type Output = String;
        type Error = TestError;
        const NAME: &'static str = "Get";
        fn build_request(input: &GetInput, endpoint: &str) -> Result<::http::Request<Vec<u8>>, BuildRequestError> {
            let mut w = RequestWriter::new("GET", endpoint);
            w.path("/things/");
            w.label("Id", input.id.as_deref(), false)?;
            w.finish()
        }
        fn parse_response(_: ::http::Response<::bytes::Bytes>) -> Result<String, TestError> {
            Err(TestError::NotFound)
        }
        fn validate(input: &GetInput) -> Result<(), ValidationError> {
            validate::run(input)
        }
        fn invalid_input(message: String) -> TestError {
            TestError::Validation(message)
        }
        fn unhandled(error: Unhandled) -> TestError {
            TestError::Unhandled {
                status: error.status(),
                code: error.code().map(String::from),
                message: error.message().map(String::from),
            }
        }
    }

    /// A second operation with the same types, to show answers and calls are per operation.
    struct Put;

    impl Operation for Put {
        type Input = GetInput;
        type Output = String;
        type Error = TestError;
        const NAME: &'static str = "Put";
        fn build_request(input: &GetInput, endpoint: &str) -> Result<::http::Request<Vec<u8>>, BuildRequestError> {
            Get::build_request(input, endpoint)
        }
        fn parse_response(r: ::http::Response<::bytes::Bytes>) -> Result<String, TestError> {
            Get::parse_response(r)
        }
        fn validate(input: &GetInput) -> Result<(), ValidationError> {
            Get::validate(input)
        }
        fn invalid_input(message: String) -> TestError {
            Get::invalid_input(message)
        }
        fn unhandled(error: Unhandled) -> TestError {
            Get::unhandled(error)
        }
    }

    fn id(id: &str) -> GetInput {
        GetInput { id: Some(id.into()) }
    }

    #[test]
    fn answers_are_queued_per_operation_first_in_first_out() {
        let stub = Stub::new();
        stub.push_output::<Get>("one".into()).push_error::<Get>(TestError::NotFound).push_output::<Get>("three".into());
        stub.push_output::<Put>("put".into());
        assert_eq!(stub.pending::<Get>(), 3);
        assert_eq!(stub.pending::<Put>(), 1);
        assert_eq!(stub.answer::<Put>(id("p1")).unwrap(), "put");
        assert_eq!(stub.answer::<Get>(id("g1")).unwrap(), "one");
        let err = stub.answer::<Get>(id("g2")).unwrap_err();
        assert!(matches!(err.as_service(), Some(TestError::NotFound)), "{err:?}");
        assert_eq!(err.code(), Some("NotFound"));
        assert_eq!(stub.answer::<Get>(id("g3")).unwrap(), "three");
        assert_eq!(stub.pending::<Get>(), 0);
        assert_eq!(stub.pending::<Put>(), 0);
    }

    #[test]
    fn calls_are_recorded_in_order_with_their_inputs() {
        let stub = Stub::new();
        stub.push_output::<Get>("a".into()).push_output::<Put>("b".into()).push_output::<Get>("c".into());
        stub.answer::<Get>(id("g1")).unwrap();
        stub.answer::<Put>(id("p1")).unwrap();
        stub.answer::<Get>(id("g2")).unwrap();
        assert_eq!(stub.operations(), ["Get", "Put", "Get"]);
        assert_eq!(stub.inputs::<Get>(), [id("g1"), id("g2")]);
        assert_eq!(stub.inputs::<Put>(), [id("p1")]);
        stub.with_calls(|calls| {
            assert_eq!(calls.len(), 3);
            assert_eq!(calls[1].operation(), "Put");
            assert_eq!(calls[1].input::<Put>(), Some(&id("p1")));
            // The same input type, but the call was not to `Get`.
            assert_eq!(calls[1].input::<Get>(), None);
            assert_eq!(format!("{:?}", calls[0]), r#"Get(GetInput { id: Some("g1") })"#);
        });
        let debug = format!("{stub:?}");
        assert!(debug.starts_with(r#"Stub { calls: [Get(GetInput { id: Some("g1") }), Put("#), "{debug}");
    }

    #[test]
    fn a_call_with_nothing_queued_fails_as_unhandled() {
        let stub = Stub::new();
        stub.push_output::<Put>("for put only".into());
        let err = stub.answer::<Get>(id("g1")).unwrap_err();
        let Some(TestError::Unhandled { status, code, message }) = err.as_service() else { panic!("{err:?}") };
        assert_eq!(*status, 500);
        assert_eq!(code.as_deref(), Some("StubExhausted"));
        assert_eq!(message.as_deref(), Some("the stub has no answer queued for Get"));
        assert_eq!(stub.operations(), ["Get"]);
        assert_eq!(stub.pending::<Put>(), 1);
    }

    #[test]
    fn invalid_inputs_fail_without_using_an_answer_but_are_recorded() {
        let stub = Stub::new();
        stub.push_output::<Get>("kept".into());
        let err = stub.answer::<Get>(id("x")).unwrap_err();
        let Some(TestError::Validation(message)) = err.as_service() else { panic!("{err:?}") };
        assert_eq!(
            message,
            "1 validation error detected. Value with length 1 at '/Id' failed to satisfy constraint: Member must have length greater than or equal to 2"
        );
        let err = stub.answer::<Get>(GetInput { id: None }).unwrap_err();
        let SdkError::Construction(e) = &err else { panic!("{err:?}") };
        assert_eq!(e.member_name(), Some("Id"));
        let err = stub.answer::<Get>(id("")).unwrap_err();
        assert!(matches!(err, SdkError::Construction(_)), "an empty label fails before validation: {err:?}");
        assert_eq!(stub.pending::<Get>(), 1);
        assert_eq!(stub.operations(), ["Get", "Get", "Get"]);
        assert_eq!(stub.inputs::<Get>(), [id("x"), GetInput { id: None }, id("")]);
        assert_eq!(stub.answer::<Get>(id("ok")).unwrap(), "kept");
    }

    #[tokio::test]
    async fn call_is_answer_in_a_future() {
        let stub = Stub::new();
        stub.push::<Get>(Ok("async".into())).push::<Get>(Err(TestError::NotFound));
        assert_eq!(stub.call::<Get>(id("g1")).await.unwrap(), "async");
        assert_eq!(stub.call::<Get>(id("g2")).await.unwrap_err().code(), Some("NotFound"));
        assert_eq!(stub.call::<Get>(id("g3")).await.unwrap_err().code(), Some("StubExhausted"));
        assert_eq!(stub.operations().len(), 3);
    }
}
