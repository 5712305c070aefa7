//! The devices page lists the account's live sessions and signs out any or all others — never
//! another account's.

use crate::common::*;
use app::server::seed::{DEMO_EMAIL, DEMO_PASSWORD};

fn session_ids(page: &str) -> Vec<String> {
    page.split("name=\"session_id\" value=\"").skip(1).map(|rest| rest.split('"').next().unwrap().to_owned()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_owner_sees_their_devices_and_signs_out_others() {
    let app = spawn_app().await;
    let laptop = app.browser_with_agent("Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0");
    let phone = app.browser_with_agent(
        "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36",
    );
    let tablet = app.browser();
    for browser in [&laptop, &phone, &tablet] {
        assert_eq!(app.sign_in(browser, DEMO_EMAIL, DEMO_PASSWORD).await, "/dashboard");
    }
    let page = body(laptop.get("/account/devices").await).await;
    assert!(page.contains("Firefox on Linux") && page.contains("Chrome on Android"), "{page}");
    assert!(page.contains("This device"));
    let others = session_ids(&page);
    assert_eq!(others.len(), 2, "a sign-out button for each other device");

    // Someone else's session cannot be ended from this account.
    let stranger = app.browser();
    app.sign_up_confirmed(&stranger, "stranger@example.com", NEW_PASSWORD).await;
    app.sign_in(&stranger, "stranger@example.com", NEW_PASSWORD).await;
    let stranger_page = body(stranger.get("/account/devices").await).await;
    assert!(session_ids(&stranger_page).is_empty() && stranger_page.contains("This device"));
    for id in &others {
        stranger.submit("sign_out_device", &[("session_id", id)]).await;
    }
    assert_eq!(phone.get("/dashboard").await.status(), 200, "another account's sign-out reaches nothing");

    // Signing out the phone by its row; then everything else.
    let phone_id = others
        .iter()
        .find(|id| {
            let row = page.split(&format!("value=\"{id}\"")).next().unwrap();
            row.rsplit("<tr>").next().unwrap().contains("Android")
        })
        .unwrap();
    let signed_out = laptop.submit("sign_out_device", &[("session_id", phone_id)]).await;
    assert_eq!(location(&signed_out), "/account/devices?signed_out=1");
    assert_eq!(location(&phone.get("/dashboard").await), "/sign-in?required=1");
    assert_eq!(tablet.get("/dashboard").await.status(), 200);
    laptop.submit("sign_out_other_devices", &[]).await;
    assert_eq!(location(&tablet.get("/dashboard").await), "/sign-in?required=1");
    assert_eq!(laptop.get("/dashboard").await.status(), 200, "this device stays signed in");
    let events = body(laptop.get("/security-events").await).await;
    assert!(events.contains("Signed out another device"), "{events}");
}
