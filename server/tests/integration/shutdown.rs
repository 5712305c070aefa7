//! Stopping (SIGTERM, issue 15): no new connections, the requests in flight are answered, live
//! streams end so the stop does not wait on them, and the workers stop.

use crate::common::*;
use crate::live_status::Stream;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};
use portico_server::serve_until;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio_util::sync::CancellationToken;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_request_in_flight_when_the_stop_comes_is_answered_and_nothing_new_is_accepted() {
    let app = spawn_app().await;
    // Another instance on the same state, which this test stops.
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let base = format!("http://{addr}");
    let stop = CancellationToken::new();
    let server = tokio::spawn(serve_until(listener, app.state.clone(), stop.clone()));

    // A signed-in page listening for live status.
    let browser = Browser { client: app.browser().client, base: base.clone() };
    assert_eq!(app.sign_in(&browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    let mut live = Stream::open(&browser, &base).await;

    // A form post whose body has only half arrived when the stop comes.
    let body = "email=nobody%40example.com&password=not+the+right+password";
    let mut posting = tokio::net::TcpStream::connect(addr).await.unwrap();
    let head = format!(
        "POST /api/sign_in HTTP/1.1\r\nHost: {addr}\r\nOrigin: {base}\r\nAccept: text/html\r\n\
         Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\n\r\n",
        body.len()
    );
    posting.write_all(head.as_bytes()).await.unwrap();
    posting.write_all(&body.as_bytes()[..10]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(300)).await;

    stop.cancel();
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err(), "no new connections once stopping");
    assert_eq!(live.next_event(Duration::from_secs(2)).await.as_deref(), Some("closed"), "the live stream ends");

    posting.write_all(&body.as_bytes()[10..]).await.unwrap();
    let mut answer = String::new();
    tokio::time::timeout(Duration::from_secs(10), posting.read_to_string(&mut answer)).await.unwrap().unwrap();
    assert!(answer.starts_with("HTTP/1.1 302"), "the request in flight is answered: {answer}");
    assert!(answer.contains("/sign-in?error=invalid_credentials"), "{answer}");

    // Everything has stopped well within the grace period (20 s).
    let stopped = tokio::time::timeout(Duration::from_secs(5), server).await;
    assert!(matches!(stopped, Ok(Ok(Ok(())))), "{stopped:?}");
    // The first instance, on the same database, serves on.
    assert_eq!(app.browser().get("/readyz").await.status(), 200);
}
