module github.com/coalitionbot/coalitionbot

go 1.26.8

require github.com/joho/godotenv v1.5.1

require (
	github.com/bwmarrin/discordgo v0.29.0 // indirect
	github.com/gorilla/websocket v1.5.3 // indirect
	golang.org/x/crypto v0.0.0-20210421170649-83a5a9bb288b // indirect
)
