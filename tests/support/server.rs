//! A loopback HTTP/1.1 server with fault injection, on a raw tokio
//! `TcpListener` so a test controls every byte: drips, resets, short bodies.
//! One request per connection (`Connection: close`).

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as the server saw it.
#[derive(Debug, Clone)]
pub struct Request {
    /// Path and query.
    pub path: String,
    /// Header names lower-cased.
    pub headers: Vec<(String, String)>,
}

impl Request {
    /// The first header `name` (lower case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// What the server answers.
#[derive(Debug, Clone)]
pub enum Reply {
    /// A normal response.
    Full {
        status: u16,
        headers: Vec<(String, String)>,
        body: Vec<u8>,
    },
    /// Headers with the full Content-Length, then the body one byte per `every`.
    Drip { body: Vec<u8>, every: Duration },
    /// Headers declaring `declared` bytes, `sent` bytes of body, then a TCP reset.
    Reset { declared: usize, sent: usize },
    /// Headers declaring `declared` bytes, `sent` bytes of body, then a clean close.
    Short { declared: usize, sent: usize },
    /// Another reply after a pause (a slow server).
    Delayed(Duration, Box<Reply>),
}

impl Reply {
    /// 200 text/html.
    pub fn html(body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full {
            status: 200,
            headers: vec![("Content-Type".into(), "text/html; charset=utf-8".into())],
            body: body.into(),
        }
    }

    /// 200 with a content type.
    pub fn typed(content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply::Full {
            status: 200,
            headers: vec![("Content-Type".into(), content_type.into())],
            body: body.into(),
        }
    }

    /// An empty response with `status`.
    pub fn status(status: u16) -> Reply {
        Reply::Full {
            status,
            headers: vec![],
            body: vec![],
        }
    }

    /// A 302 to `location`.
    pub fn redirect(location: &str) -> Reply {
        Reply::status(302).header("Location", location)
    }

    /// Adds a header (to `Full` replies).
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        if let Reply::Full { headers, .. } = &mut self {
            headers.push((name.into(), value.into()));
        }
        self
    }
}

/// Route handler: the request and how many times its path was hit before (0 = first).
pub type Handler = Arc<dyn Fn(&Request, usize) -> Reply + Send + Sync>;

/// A running test server; stops when dropped.
pub struct TestServer {
    /// Where it listens.
    pub addr: SocketAddr,
    /// Every request, in arrival order.
    log: Arc<Mutex<Vec<Request>>>,
    /// The accept loop.
    task: tokio::task::JoinHandle<()>,
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl TestServer {
    /// Starts a server on 127.0.0.1 with `handler` (which answers robots.txt too).
    pub async fn start(
        handler: impl Fn(&Request, usize) -> Reply + Send + Sync + 'static,
    ) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let log: Arc<Mutex<Vec<Request>>> = Arc::default();
        let handler: Handler = Arc::new(handler);
        let task_log = log.clone();
        let task = tokio::spawn(async move {
            loop {
                let Ok((stream, _)) = listener.accept().await else {
                    continue;
                };
                let (log, handler) = (task_log.clone(), handler.clone());
                tokio::spawn(async move {
                    let _ = serve(stream, log, handler).await;
                });
            }
        });
        TestServer { addr, log, task }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// How many requests `path` got.
    pub fn hits(&self, path: &str) -> usize {
        self.log
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path == path)
            .count()
    }

    /// Every request so far.
    pub fn requests(&self) -> Vec<Request> {
        self.log.lock().unwrap().clone()
    }
}

/// Reads one request head and writes the handler's reply.
async fn serve(
    mut stream: TcpStream,
    log: Arc<Mutex<Vec<Request>>>,
    handler: Handler,
) -> std::io::Result<()> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    while !buf.windows(4).any(|w| w == b"\r\n\r\n") {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buf.extend_from_slice(&chunk[..n]);
    }
    let text = String::from_utf8_lossy(&buf).into_owned();
    let mut lines = text.split("\r\n");
    let path = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .unwrap_or("/")
        .to_string();
    let headers = lines
        .take_while(|l| !l.is_empty())
        .filter_map(|l| l.split_once(':'))
        .map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let req = Request {
        path: path.clone(),
        headers,
    };
    let previous = {
        let mut log = log.lock().unwrap();
        let n = log.iter().filter(|r| r.path == path).count();
        log.push(req.clone());
        n
    };
    let mut reply = handler(&req, previous);
    while let Reply::Delayed(pause, inner) = reply {
        tokio::time::sleep(pause).await;
        reply = *inner;
    }
    let head = |status: u16, headers: &[(String, String)], len: usize| {
        let mut h =
            format!("HTTP/1.1 {status} X\r\nConnection: close\r\nContent-Length: {len}\r\n");
        for (k, v) in headers {
            h.push_str(&format!("{k}: {v}\r\n"));
        }
        h.push_str("\r\n");
        h.into_bytes()
    };
    match reply {
        Reply::Full {
            status,
            headers,
            body,
        } => {
            stream
                .write_all(&head(status, &headers, body.len()))
                .await?;
            stream.write_all(&body).await?;
        }
        Reply::Drip { body, every } => {
            stream.write_all(&head(200, &[], body.len())).await?;
            for b in body {
                stream.write_all(&[b]).await?;
                stream.flush().await?;
                tokio::time::sleep(every).await;
            }
        }
        Reply::Reset { declared, sent } => {
            stream.write_all(&head(200, &[], declared)).await?;
            stream.write_all(&vec![b'x'; sent]).await?;
            stream.flush().await?;
            tokio::time::sleep(Duration::from_millis(20)).await;
            // SO_LINGER 0: close() sends RST instead of FIN (and does not block).
            #[allow(deprecated)]
            stream.set_linger(Some(Duration::ZERO))?;
            drop(stream);
            return Ok(());
        }
        Reply::Short { declared, sent } => {
            stream.write_all(&head(200, &[], declared)).await?;
            stream.write_all(&vec![b'x'; sent]).await?;
        }
        Reply::Delayed(..) => {}
    }
    stream.flush().await?;
    stream.shutdown().await?;
    Ok(())
}
