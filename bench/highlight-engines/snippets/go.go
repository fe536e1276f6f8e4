package main

import (
	"fmt"
	"net/http"
)

// handler answers every request.
func handler(w http.ResponseWriter, r *http.Request) {
	name := r.URL.Query().Get("name")
	if name == "" {
		name = "world"
	}
	fmt.Fprintf(w, "hello %s, %d\n", name, 42)
}

func main() { http.ListenAndServe(":8080", http.HandlerFunc(handler)) }
