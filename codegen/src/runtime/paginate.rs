//! Paginators: pages of a `@paginated` operation, its items, and the follow mode that keeps polling
//! while the service returns a token.

use super::operation::{BoxFuture, Operation, SdkError};
use super::transport::Sleep;
use ::std::option::Option::{self, None, Some};
use ::std::string::String;
use ::std::sync::Arc;
use ::std::time::Duration;
use ::std::vec::Vec;

/// An operation whose output carries a token for the next page.
pub trait Paginated: Operation {
    /// The output token (absent or empty: no more pages).
    fn next_token(output: &Self::Output) -> Option<&str>;
    /// Sets the input token.
    fn set_token(input: &mut Self::Input, token: Option<String>);
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

enum State {
    Start,
    Next(String),
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
    state: State,
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
        let next = O::next_token(&output).filter(|t| !t.is_empty()).map(String::from);
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
