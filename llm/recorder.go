package llm

import (
	"context"
	"net/http"
)

// exchange is what one attempt's HTTP response said that go-openai does not
// pass on: its status (for the logs) and its Retry-After header (for the
// retry), which the library drops from its errors.
type exchange struct {
	status     int
	retryAfter string
	// limit bounds the response body (see maxBody); tooLong is set when
	// the server sent more.
	limit   int64
	tooLong bool
}

type exchangeKey struct{}

// withExchange returns a context under which the recorder fills in the
// returned exchange for the request made with it, and bounds its response
// body to limit bytes.
func withExchange(ctx context.Context, limit int64) (context.Context, *exchange) {
	ex := &exchange{limit: limit}
	return context.WithValue(ctx, exchangeKey{}, ex), ex
}

// recorder is the HTTP transport under go-openai. RoundTrip runs on the
// goroutine that called the client, so the exchange needs no lock.
type recorder struct{ base http.RoundTripper }

func (r recorder) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := r.base.RoundTrip(req)
	if ex, ok := req.Context().Value(exchangeKey{}).(*exchange); ok && resp != nil {
		ex.status = resp.StatusCode
		ex.retryAfter = resp.Header.Get("Retry-After")
		resp.Body = &limitedBody{ReadCloser: resp.Body, left: ex.limit, ex: ex}
	}
	return resp, err
}
