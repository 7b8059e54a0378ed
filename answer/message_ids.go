package answer

import "strconv"

// MessageID names a message of the catalog (messages/en.json and its
// translations). Every ID the code renders is declared here and listed in
// messageIDs, so start-up can check that English has them all; the exported
// ones are the texts of package commands, which renders from the same
// catalog.
type MessageID string

// The messages, in the order of messages/en.json.
const (
	msgRefusal               MessageID = "refusal"
	msgAboutBot              MessageID = "about_bot"
	msgNotCoveredAbout       MessageID = "not_covered_about"
	msgListAnd               MessageID = "list_and"
	msgYes                   MessageID = "yes"
	msgNo                    MessageID = "no"
	msgFactContext           MessageID = "fact_context"
	msgOfficesAsOf           MessageID = "offices_as_of"
	msgDate                  MessageID = "date"
	msgSpeltInArticle        MessageID = "spelt_in_article"
	msgStyledInArticle       MessageID = "styled_in_article"
	msgRepresentsGovernment  MessageID = "represents_government"
	msgRepresentsInstitution MessageID = "represents_institution"
	msgMemberOfCoalition     MessageID = "member_of_coalition"
	msgInstitutionThe        MessageID = "institution_the"
	msgLedBy                 MessageID = "led_by"
	msgLeadsWith             MessageID = "leads_with"
	msgSaysNothingMore       MessageID = "says_nothing_more"
	msgCountryNotListed      MessageID = "country_not_listed"
	msgAlsoMember            MessageID = "also_member"
	msgRepresentedBy         MessageID = "represented_by"
	msgPersonNotListed       MessageID = "person_not_listed"
	msgCountMembers          MessageID = "count_members"
	msgCountLeaders          MessageID = "count_leaders"
	msgCountHeads            MessageID = "count_heads"
	msgRoleNone              MessageID = "role_none"
	msgRoleHeading           MessageID = "role_heading"
	msgOfInstitutions        MessageID = "of_institutions"
	msgInstitutionMembers    MessageID = "institution_members"
	msgRoleRegionNone        MessageID = "role_region_none"
	msgRoleRegionHeading     MessageID = "role_region_heading"
	msgRegionInstitutions    MessageID = "region_institutions"
	msgRegionInstitutionsYes MessageID = "region_institutions_yes"
	msgRegionNone            MessageID = "region_none"
	msgRegionMembers         MessageID = "region_members"
	msgRegionNotListed       MessageID = "region_not_listed"
	msgMembersListed         MessageID = "members_listed"
	msgQuoteNoneOutsider     MessageID = "quote_none_outsider"
	msgQuoteNoneMember       MessageID = "quote_none_member"
	msgQuoteWith             MessageID = "quote_with"
	msgQuoteSpeaker          MessageID = "quote_speaker"
	msgQuoteSaid             MessageID = "quote_said"
	msgQuotedInEnglish       MessageID = "quoted_in_english"
	msgFromArticle           MessageID = "from_article"
	msgFromDocument          MessageID = "from_document"
	msgFromDocumentUndated   MessageID = "from_document_undated"
	msgInArticle             MessageID = "in_article"
	msgNoteUnavailable       MessageID = "note_unavailable"
	msgNoteBusy              MessageID = "note_busy"
	msgNoteLimited           MessageID = "note_limited"
	msgNoteCutShort          MessageID = "note_cut_short"
	msgQuestionEmpty         MessageID = "question_empty"
	msgQuestionTooLong       MessageID = "question_too_long"
	MsgSources               MessageID = "sources"
	MsgSourceLine            MessageID = "source_line"
	MsgAboutTitle            MessageID = "about_title"
	MsgAboutIntro            MessageID = "about_intro"
	MsgAboutMembers          MessageID = "about_members"
	MsgAboutQuote            MessageID = "about_quote"
	MsgAboutAsk              MessageID = "about_ask"
	MsgAboutPassages         MessageID = "about_passages"
	MsgAboutFacts            MessageID = "about_facts"
	MsgAboutDocuments        MessageID = "about_documents"
	MsgMembersTitle          MessageID = "members_title"
	MsgMembersTitleFiltered  MessageID = "members_title_filtered"
	MsgMembersCountries      MessageID = "members_countries"
	MsgMembersInstitutions   MessageID = "members_institutions"
	MsgMembersShown          MessageID = "members_shown"
	MsgMembersStar           MessageID = "members_star"
	MsgMembersOfficesAsOf    MessageID = "members_offices_as_of"
	MsgMembersNoMatch        MessageID = "members_no_match"
	MsgQuoteNoneAtAll        MessageID = "quote_none_at_all"
	MsgQuoteNoMatch          MessageID = "quote_no_match"
	MsgQuoteNoneFrom         MessageID = "quote_none_from"
	MsgTargetEmpty           MessageID = "target_empty"
	MsgHelpTitle             MessageID = "help_title"
	MsgHelpIntro             MessageID = "help_intro"
	MsgHelpCommands          MessageID = "help_commands"
	MsgHelpCommand           MessageID = "help_command"
	MsgHelpMessageCommand    MessageID = "help_message_command"
	MsgHelpKnows             MessageID = "help_knows"
	MsgHelpDocument          MessageID = "help_document"
	MsgHelpDocumentUndated   MessageID = "help_document_undated"
	MsgHelpExamples          MessageID = "help_examples"
	MsgHelpExampleQuestions  MessageID = "help_example_questions"
	MsgNotHereChannel        MessageID = "not_here_channel"
	MsgNotHereRole           MessageID = "not_here_role"
	MsgNotHereDM             MessageID = "not_here_dm"
	MsgApology               MessageID = "apology"
	MsgOptionsUnreadable     MessageID = "options_unreadable"
	MsgCommandUnknown        MessageID = "command_unknown"
	MsgNoForms               MessageID = "no_forms"
	MsgMentionHint           MessageID = "mention_hint"
	MsgWriting               MessageID = "writing"
	MsgFieldContinued        MessageID = "field_continued"
	MsgFieldsNotShown        MessageID = "fields_not_shown"
	MsgAnswerFooter          MessageID = "answer_footer"
	MsgSourceSections        MessageID = "source_sections"
	MsgSourceDocument        MessageID = "source_document"
	MsgSourceDocumentUndated MessageID = "source_document_undated"
	MsgFeedbackUp            MessageID = "feedback_up"
	MsgFeedbackDown          MessageID = "feedback_down"
	MsgFeedbackThanks        MessageID = "feedback_thanks"
	MsgFeedbackAgain         MessageID = "feedback_again"
	MsgButtonUnreadable      MessageID = "button_unreadable"
)

// messageIDs are the messages the code renders, the months' names
// (month_1 … month_12, rendered by Date) included.
func messageIDs() []MessageID {
	ids := []MessageID{
		msgRefusal,
		msgAboutBot,
		msgNotCoveredAbout,
		msgListAnd,
		msgYes,
		msgNo,
		msgFactContext,
		msgOfficesAsOf,
		msgDate,
		msgSpeltInArticle,
		msgStyledInArticle,
		msgRepresentsGovernment,
		msgRepresentsInstitution,
		msgMemberOfCoalition,
		msgInstitutionThe,
		msgLedBy,
		msgLeadsWith,
		msgSaysNothingMore,
		msgCountryNotListed,
		msgAlsoMember,
		msgRepresentedBy,
		msgPersonNotListed,
		msgCountMembers,
		msgCountLeaders,
		msgCountHeads,
		msgRoleNone,
		msgRoleHeading,
		msgOfInstitutions,
		msgInstitutionMembers,
		msgRoleRegionNone,
		msgRoleRegionHeading,
		msgRegionInstitutions,
		msgRegionInstitutionsYes,
		msgRegionNone,
		msgRegionMembers,
		msgRegionNotListed,
		msgMembersListed,
		msgQuoteNoneOutsider,
		msgQuoteNoneMember,
		msgQuoteWith,
		msgQuoteSpeaker,
		msgQuoteSaid,
		msgQuotedInEnglish,
		msgFromArticle,
		msgFromDocument,
		msgFromDocumentUndated,
		msgInArticle,
		msgNoteUnavailable,
		msgNoteBusy,
		msgNoteLimited,
		msgNoteCutShort,
		msgQuestionEmpty,
		msgQuestionTooLong,
		MsgSources,
		MsgSourceLine,
		MsgAboutTitle,
		MsgAboutIntro,
		MsgAboutMembers,
		MsgAboutQuote,
		MsgAboutAsk,
		MsgAboutPassages,
		MsgAboutFacts,
		MsgAboutDocuments,
		MsgMembersTitle,
		MsgMembersTitleFiltered,
		MsgMembersCountries,
		MsgMembersInstitutions,
		MsgMembersShown,
		MsgMembersStar,
		MsgMembersOfficesAsOf,
		MsgMembersNoMatch,
		MsgQuoteNoneAtAll,
		MsgQuoteNoMatch,
		MsgQuoteNoneFrom,
		MsgTargetEmpty,
		MsgHelpTitle,
		MsgHelpIntro,
		MsgHelpCommands,
		MsgHelpCommand,
		MsgHelpMessageCommand,
		MsgHelpKnows,
		MsgHelpDocument,
		MsgHelpDocumentUndated,
		MsgHelpExamples,
		MsgHelpExampleQuestions,
		MsgNotHereChannel,
		MsgNotHereRole,
		MsgNotHereDM,
		MsgApology,
		MsgOptionsUnreadable,
		MsgCommandUnknown,
		MsgNoForms,
		MsgMentionHint,
		MsgWriting,
		MsgFieldContinued,
		MsgFieldsNotShown,
		MsgAnswerFooter,
		MsgSourceSections,
		MsgSourceDocument,
		MsgSourceDocumentUndated,
		MsgFeedbackUp,
		MsgFeedbackDown,
		MsgFeedbackThanks,
		MsgFeedbackAgain,
		MsgButtonUnreadable,
	}
	for m := 1; m <= 12; m++ {
		ids = append(ids, MessageID("month_"+strconv.Itoa(m)))
	}
	return ids
}
