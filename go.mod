module github.com/coalitionbot/coalitionbot

go 1.26.8

require (
	github.com/joho/godotenv v1.5.1
	github.com/kljensen/snowball v0.10.0
	github.com/sashabaranov/go-openai v1.43.0
)
