//! Paginators: pages of a `@paginated` operation, its items, and the follow mode that keeps polling
//! while the service returns a token.

use super::operation::{BoxFuture, Operation, SdkError};
use super::transport::Sleep;
use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::sync::Arc;
use ::std::time::Duration;
use ::std::vec::Vec;

/// A page token: a string for most services, a map of attribute values for DynamoDB's
/// `ExclusiveStartKey`. An empty one means no more pages, as an absent one does.
pub trait PageToken: Clone + PartialEq + Send + Sync + 'static {
    /// An empty token ends the pages.
    fn is_empty(&self) -> bool;
}

impl PageToken for String {
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
}

impl<K, V> PageToken for ::std::collections::HashMap<K, V>
where
    K: Clone + Eq + ::std::hash::Hash + Send + Sync + 'static,
    V: Clone + PartialEq + Send + Sync + 'static,
{
    fn is_empty(&self) -> bool {
        ::std::collections::HashMap::is_empty(self)
    }
}

/// An operation whose output carries a token for the next page.
pub trait Paginated: Operation {
    /// The type of the token.
    type Token: PageToken;
    /// The output token (absent or empty: no more pages).
    fn next_token(output: &Self::Output) -> Option<&Self::Token>;
    /// Sets the input token.
    fn set_token(input: &mut Self::Input, token: Option<Self::Token>);
    /// How many items (or, without modelled items, entries of the output's list) a page holds,
    /// when known; the follow mode waits after a page without any.
    fn page_len(output: &Self::Output) -> Option<usize>;
}

/// A paginated operation whose items are modelled.
pub trait PaginatedItems: Paginated {
    /// One item.
    type Item: Send + 'static;
    /// The items of a page.
    fn items(output: Self::Output) -> Vec<Self::Item>;
}

/// The call a paginator makes for each page.
pub type PageCall<'a, O> = ::std::boxed::Box<
    dyn FnMut(<O as Operation>::Input) -> BoxFuture<'a, Result<<O as Operation>::Output, SdkError<<O as Operation>::Error>>> + Send + 'a,
>;

enum State<T> {
    Start,
    Next(T),
    Done,
}

/// Pages of a paginated operation: call [`next`](Paginator::next) until it returns `None`.
///
/// Paging stops when the output token is absent or empty, after an error, or — unless following —
/// when the service returns the token it was sent. In follow mode ([`follow`](Paginator::follow))
/// a repeated token or a page without items means "more may come later": the paginator waits the
/// interval and asks again, and ends only when the token is absent.
pub struct Paginator<'a, O: Paginated> {
    call: PageCall<'a, O>,
    input: O::Input,
    state: State<O::Token>,
    follow: Option<Duration>,
    wait: bool,
    sleep: Arc<dyn Sleep>,
}

impl<'a, O: Paginated> Paginator<'a, O> {
    /// Pages of `input` (its token is the starting point), fetched with `call`.
    pub fn new(input: O::Input, call: PageCall<'a, O>) -> Self {
        Paginator { call, input, state: State::Start, follow: None, wait: false, sleep: super::transport::default_sleep() }
    }
    /// Follow mode: keep polling every `interval` while the service returns a token, even when a
    /// page brings nothing new; end when the token is absent.
    pub fn follow(mut self, interval: Duration) -> Self {
        self.follow = Some(interval);
        self
    }
    /// How to wait in follow mode (the default uses Tokio's timer inside a Tokio runtime).
    pub fn sleep(mut self, sleep: impl Sleep) -> Self {
        self.sleep = Arc::new(sleep);
        self
    }
    /// The next page, or `None` when paging is over.
    pub async fn next(&mut self) -> Option<Result<O::Output, SdkError<O::Error>>> {
        let token = match &self.state {
            State::Done => return None,
            State::Start => None,
            State::Next(t) => Some(t.clone()),
        };
        if let (true, Some(interval)) = (self.wait, self.follow) {
            self.sleep.sleep(interval).await;
        }
        let mut input = self.input.clone();
        if token.is_some() {
            O::set_token(&mut input, token.clone());
        }
        let output = match (self.call)(input).await {
            Ok(o) => o,
            Err(e) => {
                self.state = State::Done;
                return Some(Err(e));
            }
        };
        let next = O::next_token(&output).filter(|t| !t.is_empty()).cloned();
        let repeated = next.is_some() && next == token;
        self.state = match next {
            None => State::Done,
            Some(_) if repeated && self.follow.is_none() => State::Done,
            Some(t) => State::Next(t),
        };
        self.wait = repeated || O::page_len(&output).is_none_or(|n| n == 0);
        Some(Ok(output))
    }
    /// Every page until the end (not for follow mode, which may not end).
    pub async fn all(mut self) -> Result<Vec<O::Output>, SdkError<O::Error>> {
        let mut pages = Vec::new();
        while let Some(page) = self.next().await {
            pages.push(page?);
        }
        Ok(pages)
    }
}

impl<'a, O: PaginatedItems> Paginator<'a, O> {
    /// The items of the pages, one by one.
    pub fn items(self) -> ItemPaginator<'a, O> {
        ItemPaginator { pages: self, buffer: ::std::collections::VecDeque::new() }
    }
}

/// Items across pages: call [`next_item`](ItemPaginator::next_item) until it returns `None`.
pub struct ItemPaginator<'a, O: PaginatedItems> {
    pages: Paginator<'a, O>,
    buffer: ::std::collections::VecDeque<O::Item>,
}

impl<O: PaginatedItems> ItemPaginator<'_, O> {
    /// The next item, or `None` when the pages are over.
    pub async fn next_item(&mut self) -> Option<Result<O::Item, SdkError<O::Error>>> {
        loop {
            if let Some(item) = self.buffer.pop_front() {
                return Some(Ok(item));
            }
            match self.pages.next().await? {
                Ok(page) => self.buffer.extend(O::items(page)),
                Err(e) => return Some(Err(e)),
            }
        }
    }
    /// Every item until the end.
    pub async fn all(mut self) -> Result<Vec<O::Item>, SdkError<O::Error>> {
        let mut items = Vec::new();
        while let Some(item) = self.next_item().await {
            items.push(item?);
        }
        Ok(items)
    }
}
#[cfg(test)]
mod tests {
    use super::super::http::{BuildRequestError, RequestWriter};
    use super::super::operation::ServiceError;
    use super::super::response::Unhandled;
    use super::super::validate::ValidationError;
    use super::*;
    use ::std::collections::HashMap;
    use ::std::sync::Mutex;

    #[derive(Clone, Debug, Default)]
    struct ListInput {
        token: Option<String>,
    }

    #[derive(Clone, Debug, PartialEq)]
    struct ListOutput {
        token: Option<String>,
        items: Vec<u32>,
    }

    #[derive(Debug, PartialEq)]
    struct ListError(String);

    impl ::std::fmt::Display for ListError {
        fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
            f.write_str(&self.0)
        }
    }

    impl ::std::error::Error for ListError {}

    impl ServiceError for ListError {
        fn code(&self) -> Option<&str> {
            Some(&self.0)
        }
        fn message(&self) -> Option<&str> {
            None
        }
    }

    struct List;

    impl Operation for List {
        type Input = ListInput;
        type Output = ListOutput;
        type Error = ListError;
        const NAME: &'static str = "List";
        fn build_request(_: &ListInput, endpoint: &str) -> Result<::http::Request<Vec<u8>>, BuildRequestError> {
            RequestWriter::new("GET", endpoint).finish()
        }
        fn parse_response(_: ::http::Response<::bytes::Bytes>) -> Result<ListOutput, ListError> {
            Err(ListError("not used".into()))
        }
        fn validate(_: &ListInput) -> Result<(), ValidationError> {
            Ok(())
        }
        fn invalid_input(message: String) -> ListError {
            ListError(message)
        }
        fn unhandled(error: Unhandled) -> ListError {
            ListError(error.to_string())
        }
    }

    impl Paginated for List {
        type Token = String;
        fn next_token(output: &ListOutput) -> Option<&String> {
            output.token.as_ref()
        }
        fn set_token(input: &mut ListInput, token: Option<String>) {
            input.token = token;
        }
        fn page_len(output: &ListOutput) -> Option<usize> {
            Some(output.items.len())
        }
    }

    impl PaginatedItems for List {
        type Item = u32;
        fn items(output: ListOutput) -> Vec<u32> {
            output.items
        }
    }

    type Sent = Arc<Mutex<Vec<Option<String>>>>;

    fn page(token: Option<&str>, items: &[u32]) -> Result<ListOutput, SdkError<ListError>> {
        Ok(ListOutput { token: token.map(String::from), items: items.to_vec() })
    }

    /// A service answering from a script, in order, recording the token of each call.
    fn service<'a>(script: Vec<Result<ListOutput, SdkError<ListError>>>) -> (PageCall<'a, List>, Sent) {
        let sent: Sent = Arc::default();
        let record = Arc::clone(&sent);
        let mut script = ::std::collections::VecDeque::from(script);
        let call: PageCall<'a, List> = Box::new(move |input: ListInput| {
            record.lock().unwrap().push(input.token);
            let answer = script.pop_front().expect("called after the script ended");
            Box::pin(::std::future::ready(answer))
        });
        (call, sent)
    }

    #[derive(Clone, Default)]
    struct Recorder(Arc<Mutex<Vec<Duration>>>);

    impl Sleep for Recorder {
        fn sleep(&self, duration: Duration) -> BoxFuture<'static, ()> {
            self.0.lock().unwrap().push(duration);
            Box::pin(::std::future::ready(()))
        }
    }

    fn sent(sent: &Sent) -> Vec<Option<String>> {
        sent.lock().unwrap().clone()
    }

    fn tokens(list: &[Option<&str>]) -> Vec<Option<String>> {
        list.iter().map(|t| t.map(String::from)).collect()
    }

    #[tokio::test]
    async fn pages_until_the_token_is_absent() {
        let (call, calls) = service(vec![page(Some("a"), &[1, 2]), page(Some("b"), &[3]), page(None, &[4])]);
        let sleep = Recorder::default();
        let mut pages = Paginator::<List>::new(ListInput::default(), call).sleep(sleep.clone());
        assert_eq!(pages.next().await.unwrap().unwrap().items, [1, 2]);
        assert_eq!(pages.next().await.unwrap().unwrap().items, [3]);
        assert_eq!(pages.next().await.unwrap().unwrap().items, [4]);
        assert!(pages.next().await.is_none());
        assert!(pages.next().await.is_none());
        assert_eq!(sent(&calls), tokens(&[None, Some("a"), Some("b")]));
        assert!(sleep.0.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn an_empty_token_ends_paging_and_the_start_token_is_kept() {
        let (call, calls) = service(vec![page(Some("x"), &[1]), page(Some(""), &[2])]);
        let start = ListInput { token: Some("start".into()) };
        let pages = Paginator::<List>::new(start, call).all().await.unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(sent(&calls), tokens(&[Some("start"), Some("x")]));
    }

    #[tokio::test]
    async fn a_repeated_token_stops_paging() {
        let (call, calls) = service(vec![page(Some("a"), &[1]), page(Some("b"), &[2]), page(Some("b"), &[3])]);
        let pages = Paginator::<List>::new(ListInput::default(), call).all().await.unwrap();
        assert_eq!(pages.iter().map(|p| p.items[0]).collect::<Vec<_>>(), [1, 2, 3]);
        assert_eq!(sent(&calls), tokens(&[None, Some("a"), Some("b")]));
    }

    #[tokio::test]
    async fn an_error_ends_paging() {
        let (call, calls) = service(vec![
            page(Some("a"), &[1]),
            Err(SdkError::Service(ListError("Boom".into()), super::super::response::ResponseMeta::none())),
        ]);
        let mut pages = Paginator::<List>::new(ListInput::default(), call);
        assert!(pages.next().await.unwrap().is_ok());
        let err = pages.next().await.unwrap().unwrap_err();
        assert_eq!(err.code(), Some("Boom"));
        assert!(pages.next().await.is_none());
        assert_eq!(calls.lock().unwrap().len(), 2);

        let (call, _) = service(vec![
            page(Some("a"), &[1]),
            Err(SdkError::Service(ListError("Boom".into()), super::super::response::ResponseMeta::none())),
        ]);
        let all = Paginator::<List>::new(ListInput::default(), call).all().await;
        assert_eq!(all.unwrap_err().code(), Some("Boom"));
    }

    #[tokio::test]
    async fn items_flow_across_pages_including_empty_ones() {
        let (call, calls) = service(vec![page(Some("a"), &[1, 2]), page(Some("b"), &[]), page(Some("c"), &[3]), page(None, &[4, 5])]);
        let mut items = Paginator::<List>::new(ListInput::default(), call).items();
        let mut got = Vec::new();
        while let Some(item) = items.next_item().await {
            got.push(item.unwrap());
        }
        assert_eq!(got, [1, 2, 3, 4, 5]);
        assert_eq!(sent(&calls), tokens(&[None, Some("a"), Some("b"), Some("c")]));

        let (call, _) = service(vec![page(Some("a"), &[1]), page(None, &[2, 3])]);
        assert_eq!(Paginator::<List>::new(ListInput::default(), call).items().all().await.unwrap(), [1, 2, 3]);

        let (call, _) = service(vec![
            page(Some("a"), &[1]),
            Err(SdkError::Service(ListError("Late".into()), super::super::response::ResponseMeta::none())),
        ]);
        let mut items = Paginator::<List>::new(ListInput::default(), call).items();
        assert_eq!(items.next_item().await.unwrap().unwrap(), 1);
        assert_eq!(items.next_item().await.unwrap().unwrap_err().code(), Some("Late"));
        assert!(items.next_item().await.is_none());
    }

    #[tokio::test]
    async fn follow_mode_waits_after_a_repeated_token_or_an_empty_page() {
        let interval = Duration::from_secs(30);
        let (call, calls) =
            service(vec![page(Some("a"), &[1]), page(Some("a"), &[2]), page(Some("b"), &[]), page(Some("c"), &[3]), page(None, &[4])]);
        let sleep = Recorder::default();
        let pages = Paginator::<List>::new(ListInput::default(), call).follow(interval).sleep(sleep.clone()).all().await.unwrap();
        assert_eq!(pages.len(), 5);
        assert_eq!(sent(&calls), tokens(&[None, Some("a"), Some("a"), Some("b"), Some("c")]));
        // After the repeated `a` and after the empty page of `b`; not after pages with new items.
        assert_eq!(*sleep.0.lock().unwrap(), [interval, interval]);
    }

    #[tokio::test]
    async fn a_page_without_known_length_counts_as_empty_when_following() {
        // An operation whose pages have no countable items: follow mode waits after every page.
        struct Opaque;
        impl Operation for Opaque {
            type Input = ListInput;
            type Output = ListOutput;
            type Error = ListError;
            const NAME: &'static str = "Opaque";
            fn build_request(i: &ListInput, e: &str) -> Result<::http::Request<Vec<u8>>, BuildRequestError> {
                List::build_request(i, e)
            }
            fn parse_response(r: ::http::Response<::bytes::Bytes>) -> Result<ListOutput, ListError> {
                List::parse_response(r)
            }
            fn validate(_: &ListInput) -> Result<(), ValidationError> {
                Ok(())
            }
            fn invalid_input(m: String) -> ListError {
                ListError(m)
            }
            fn unhandled(e: Unhandled) -> ListError {
                List::unhandled(e)
            }
        }
        impl Paginated for Opaque {
            type Token = String;
            fn next_token(o: &ListOutput) -> Option<&String> {
                o.token.as_ref()
            }
            fn set_token(i: &mut ListInput, t: Option<String>) {
                i.token = t;
            }
            fn page_len(_: &ListOutput) -> Option<usize> {
                None
            }
        }
        let answers = HashMap::from([(None, page(Some("a"), &[1])), (Some("a".to_string()), page(None, &[2]))]);
        let answers = Mutex::new(answers);
        let call: PageCall<'_, Opaque> =
            Box::new(move |input: ListInput| Box::pin(::std::future::ready(answers.lock().unwrap().remove(&input.token).unwrap())));
        let sleep = Recorder::default();
        let pages =
            Paginator::<Opaque>::new(ListInput::default(), call).follow(Duration::from_millis(5)).sleep(sleep.clone()).all().await.unwrap();
        assert_eq!(pages.len(), 2);
        assert_eq!(*sleep.0.lock().unwrap(), [Duration::from_millis(5)]);
    }
}
