// Generated from the merged OpenAPI document by `npm run api-client:generate` (ADR 0025).
// Do not edit: a unit test fails when this file differs from a fresh generation.
export interface paths {
    "/v1/answers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Answers of your projects, most recently changed first, cursor-paged
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["AnswersController_list"];
        put?: never;
        /**
         * Draft a unified answer
         * @description A user limited to projects names only theirs (403 naming `projects` otherwise).
         *
         *     Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["AnswersController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/answers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A unified answer’s working copy, with the version in force
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["AnswersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit the working copy (If-Match)
         * @description Editing a published answer starts a new draft; the published version stays in force and unchanged until the next one is approved. null clears a field.
         *
         *     Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        patch: operations["AnswersController_edit"];
        trace?: never;
    };
    "/v1/answers/{id}/approve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve a submitted answer: publishes it as a new immutable version
         * @description Four eyes: a supervisor who wrote or edited the draft cannot approve it (403 ANSWER.FOUR_EYES). A draft whose itemCode was stored before item codes were checked and is no catalogue item code (longer than 80 characters, or not <section>.<item>) is 422 ANSWER.ITEM_CODE_OUT_OF_CONTRACT naming itemCode, and one whose sectionCode, tags or sourceDepartment were stored holding a phone number, an e-mail address or an ID number is 422 ANSWER.PERSONAL_DATA naming it: reject it so its author corrects the code. Emits knowledge.answer.published.v1.
         *
         *     Roles: supervisor.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["AnswersController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/answers/{id}/reject": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reject a submitted answer back to draft, with a comment for its authors
         * @description Roles: supervisor.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["AnswersController_reject"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/answers/{id}/retire": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retire a published answer: no longer found, suggested or citable
         * @description Emits knowledge.answer.retired.v1. A supervisor limited to some projects retires only an answer whose projects they all serve: one for every project, or shared with another team, is 403 `ANSWER.PROJECT_OUT_OF_SCOPE` naming `projects`.
         *
         *     Roles: supervisor.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["AnswersController_retire"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/answers/{id}/submit": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Submit a draft for a supervisor’s approval
         * @description A draft whose itemCode was stored before item codes were checked and is no catalogue item code is 422 ANSWER.ITEM_CODE_OUT_OF_CONTRACT naming itemCode; one whose sectionCode, tags or sourceDepartment were stored holding a phone number, an e-mail address or an ID number is 422 ANSWER.PERSONAL_DATA naming it.
         *
         *     Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["AnswersController_submit"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/answers/{id}/versions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The published versions of an answer you may read, newest first, cursor-paged; each is immutable
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["AnswersController_versions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/answers/{id}/versions/{version}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One published version, exactly as it was approved
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["AnswersController_version"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/answers/{id}/versions/diff": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What changed between two published versions: fields, and the body line by line
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["AnswersController_diff"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/answers/from-reply": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Draft a unified answer from an invalid complaint’s approved reply, in one call
         * @description The reply (ticket.reply_approved) becomes the body, the customer’s demand the first phrasing; once per ticket (409 after).
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["ReplyDraftsController_draft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/answers/search": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Search published answers in force, best first, with highlighted snippets
         * @description Chinese is segmented with the company’s terms; synonyms an admin keeps (物业费 ~ 管理费) count as the same word; traditional and simplified characters find each other; pinyin and its initials (wuyefei, wyf) and mixed queries (3栋 电梯, WiFi 密码) work. A search with no good hit is recorded as a knowledge gap.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["AnswersController_search"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calendars/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A business calendar
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: shared by every project (business calendars (working hours, holidays, 调休) are company reference data); changed only by users serving every project.
         */
        get: operations["CalendarsController_read"];
        /**
         * Create or replace a business calendar
         * @description The whole document; fields outside the format are ignored and not kept. An invalid document is 422 with every problem in `errors`, each named by its path (`workingHours.mon[1][0]`, `holidays[3].date`); one in which no weekday has hours and no 调休 working day has hours still to come (after now, in its time zone) is 422 `CALENDAR.NO_WORKING_TIME` naming `workingHours`; a holiday or 调休 day whose name holds a phone number, e-mail address or ID number is 422 `CALENDAR.PERSONAL_DATA` naming it (`holidays[3].name`): names go out with the calendar to every service. The `default` calendar keeps as the company’s only the years that differ from the official days, so its document read and put back leaves the other years following them.
         *
         *     Roles: admin.
         *
         *     Project scope: shared by every project (business calendars (working hours, holidays, 调休) are company reference data); changed only by users serving every project.
         */
        put: operations["CalendarsController_replace"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/calendars/{id}/add": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The deadline: `from` plus working days, hours or minutes by this calendar
         * @description Exactly one of workingDays, workingHours, workingMinutes. workingDays=N is "N个工作日内": the close of business of the Nth working day after the day of `from` (that day is not counted).
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: shared by every project (business calendars (working hours, holidays, 调休) are company reference data); changed only by users serving every project.
         */
        get: operations["CalendarsController_add"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callback-plans": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The callback plans of your projects
         * @description Roles: agent, supervisor, quality, manager, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["CallbackPlansController_list"];
        put?: never;
        /**
         * Make a key-customer or care plan; each run schedules one callback per selected customer
         * @description Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["CallbackPlansController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callback-plans/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A callback plan (404 outside your projects)
         * @description Roles: agent, supervisor, quality, manager, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["CallbackPlansController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callback-plans/{id}/stop": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a plan: no further runs, and its open callbacks are cancelled
         * @description Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["CallbackPlansController_stop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callback-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The callback policies and their version
         * @description Roles: supervisor, admin.
         *
         *     Project scope: shared by every project (callback policies are company-wide settings; a policy names the projects it applies to); changed only by users serving every project.
         */
        get: operations["CallbackPoliciesController_list"];
        /**
         * Replace the callback policy list
         * @description The most specific matching policy (section, item, grade, project) wins; ties go to the earlier one. Applies to tickets resolved after the change.
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: shared by every project (callback policies are company-wide settings; a policy names the projects it applies to); changed only by users serving every project.
         */
        put: operations["CallbackPoliciesController_replace"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callbacks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The callback work queue, nearest due first, cursor-paged
         * @description `assignee=me` gives the caller’s own callbacks.
         *
         *     Roles: agent, supervisor, quality, manager, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["CallbacksController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callbacks/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A callback with its ticket summary, the customer (masked) and earlier attempts (404 outside your projects)
         * @description Roles: agent, supervisor, quality, manager, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["CallbacksController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callbacks/{id}/attempts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record an attempt to reach the customer
         * @description Unreached attempts are retried per the policy’s spacing until the attempts allowed run out (callback.failed); wrong numbers and refusals fail at once. A reached customer completes the callback; a dissatisfied one (neutral or worse) reopens the ticket, and may be given `nextCallbackAt` and a department rectification deadline, both watched until the ticket is resolved again.
         *
         *     Roles: agent, supervisor.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["CallbacksController_attempt"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callbacks/held": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Callbacks owed but held because their business calendar cannot count their due time, longest held first, cursor-paged
         * @description A resolution’s callback or a plan’s greeting whose calendar refused to count its due time (422 CALENDAR.NO_WORKING_TIME or CALENDAR.NEEDS_CORRECTION) waits here, unscheduled, until a newer version of the calendar counts it: correct the calendar (PUT /v1/calendars/{id}) and the due-time walk schedules it, counted from when it was owed. One owed no more (its ticket reopened or merged, its customer erased, its plan stopped) leaves the list. A page holds at most `limit`; `nextCursor` is present while more follow.
         *
         *     Roles: supervisor, quality, manager, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["CallbacksController_held"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callbacks/missed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Closed tickets whose policy required a callback that never reached the customer (漏回访), newest first, cursor-paged
         * @description A ticket is listed when it closed with no callback scheduled, or with its last one failed, cancelled or still open; a callback completed later takes it off. A page holds at most `limit`; `nextCursor` is present while more follow.
         *
         *     Roles: supervisor, quality, manager, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["CallbacksController_missed"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/callbacks/tickets/{ticketId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * What the callbacks service knows of a ticket it will call back about (404 outside your projects)
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["FollowedTicketsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/catalogue": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The catalogue; retired sections and items only with includeInactive=true
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: shared by every project (the catalogue of matters is one for the whole company); changed only by users serving every project.
         */
        get: operations["CatalogueController_read"];
        /**
         * Replace the catalogue
         * @description Send every section and item: codes never change or disappear (retire with active: false), and an item stays in the section its code names. Answers the stored catalogue, inactive entries included.
         *
         *     Roles: admin.
         *
         *     Project scope: shared by every project (the catalogue of matters is one for the whole company); changed only by users serving every project.
         */
        put: operations["CatalogueController_replace"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/change-notices": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Change notices of your projects, newest first
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["ChangeNoticesController_list"];
        put?: never;
        /**
         * File a change (fees, policies, activities): the published answers of its items and projects are flagged for review
         * @description The review deadline is 3 working days after filing by the default business calendar.
         *
         *     Roles: handler, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["ChangeNoticesController_file"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/change-notices/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A change notice with the answer reviews it opened that are still open
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["ChangeNoticesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/change-notices/reviews": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Answers flagged for review (change notices, review-by dates) and not yet reviewed; overdue=true lists those past their deadline
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["ChangeNoticesController_openReviews"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The contacts of a customer or of a ticket, newest first, with what the customer said
         * @description Give exactly one of `customerId` and `ticketId` (400 naming the field otherwise). Only contacts of the caller’s projects are listed (a contact of no project when its customer is visible). A ticket (tickets service, `GET /v1/tickets/{id}`) shows its demand (诉求) as a redacted summary and the ids of its contacts; the full text is read here.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["ContactsController_list"];
        put?: never;
        /**
         * Record a customer contact from any channel
         * @description A new matter opens a ticket; a contact about an open ticket of the same customer and item joins it as a follow-up.
         *
         *     Roles: agent, supervisor.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["ContactsController_record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/contacts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One contact with what the customer said
         * @description Another project’s contact is 404, like an unknown id. A ticket (tickets service, `GET /v1/tickets/{id}`) shows its demand (诉求) as a redacted summary and the ids of its contacts; the full text is read here.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["ContactsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Find customers by phone (any format), email, exact name, or project + room
         * @description Only customers with a unit in the caller’s projects, each with only those units. A room of a project the caller does not serve is 403 `CUSTOMER.PROJECT_NOT_SERVED` naming `projectCode`.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["CustomersController_search"];
        put?: never;
        /**
         * Register a customer with phones, email and units; 201 with Location and ETag
         * @description Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["CustomersController_register"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One customer, masked unless customer.pii.read and X-Access-Purpose ask otherwise; ETag for edits
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["CustomersController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        /**
         * Edit a customer (merge-patch); If-Match with the ETag of the version edited
         * @description A customer has at most 50 units, counting those of projects the caller does not serve (they stay as they are): more is 422 `CUSTOMER.TOO_MANY_UNITS` naming `units`. A customer with units keeps at least one (a record of no unit is every project’s): leaving none is 422 `CUSTOMER.UNIT_REQUIRED` naming `units`.
         *
         *     Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        patch: operations["CustomersController_update"];
        trace?: never;
    };
    "/v1/customers/{id}/erasure": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Erase a customer’s personal data on request (PIPL); tickets keep a pseudonym
         * @description Erases the records merged into it too. Who erased each record and the reason given (its personal data masked) are kept in the access log, under the purpose `erasure: <reason>`. Asked again, the erasure is done again everywhere (what is left is wiped and `customer.erased.v1` is published again, with its first data): after a rollout whose replicas of the release before erased less, or to reach a record merged in since.
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["CustomersController_erase"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/merge": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge a duplicate into this customer (合并重复客户)
         * @description The survivor takes the duplicate’s phones, units and tags. Together more than a customer has (5 phones, 50 units, 50 tags) is 422 `CUSTOMER.TOO_MANY_PHONES`, `CUSTOMER.TOO_MANY_UNITS` or `CUSTOMER.TOO_MANY_TAGS` naming `duplicateId`: edit one of them first.
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["CustomersController_merge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/{id}/merges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Customers merged into this one, with who merged them and why
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["CustomersController_merges"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/customers/lookup": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who is calling (来电弹屏): the customers holding a phone, with open tickets, deadlines, last contacts and callbacks
         * @description One call for the agent desk when the phone rings. Each customer record holding the phone that the caller may see (one per project team, ADR 0006), with their units and tags, their open tickets of the caller’s projects with the next deadline, and their last 5 contacts and callbacks. 400 naming `phone` for a number that is not a phone; an empty list when no one holds it.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["CustomersController_lookup"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gaps": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Knowledge gaps, most asked first
         * @description Opened by a consultation closed without a published answer, or a search with no good hit; grouped by item and similar wording.
         *
         *     Roles: supervisor, admin, quality, manager.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["GapsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/gaps/{id}/draft": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Turn a gap into a draft answer (its question as the first phrasing): the gap, or the drafter’s share of it, is then drafted
         * @description The draft is for the projects of the gap the drafter serves. A drafter serving only some of them drafts their share apart: the answer is about a new gap of those projects, drafted, which is returned, and the gap named stays open for the others, with the share in `draftedApart`. Drafting a gap whose share is drafted already is 409 `GAP.ALREADY_DRAFTED` with its `draftAnswerId`.
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["GapsController_draft"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/inbound/{channel}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Receive a message from a channel gateway
         * @description X-Signature: sha256=<hex HMAC-SHA256 of "<X-Timestamp>.<raw body>"> with the channel’s secret; X-Timestamp within 5 minutes; X-Delivery-Id unique per delivery. A delivery id whose message was recorded in the last 24 hours is 409 `WEBHOOK.REPLAYED`; a retry while the first attempt is still being recorded waits for it, and is 409 `CONTACT.DUPLICATE_DELIVERY` once that attempt has recorded the message (recorded either way), or records it if that attempt failed. While Redis is lost, delivery ids are neither checked nor remembered: a replay is refused by its message id instead, 409 `CONTACT.DUPLICATE_DELIVERY`.
         */
        post: operations["InboundController_receive"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Incidents of your projects, newest first, cursor-paged
         * @description The agent desk asks `?projectCode=…&building=…&status=open` when a caller of that building rings (the caller lookup gives the units): it gets that building’s incidents and those standing for the whole project or an area of it; and `&itemCode=…` to offer a new ticket the incident to join. A handler sees the incidents dispatched to their department.
         *
         *     Roles: any authenticated user (agent, supervisor, handler, manager, quality, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["IncidentsController_list"];
        put?: never;
        /**
         * Declare an incident (群发事件) for a project, building or area and a catalogue item
         * @description Supervisors and admins of the project (403 INCIDENT.PROJECT_NOT_SERVED otherwise). The SLA policy that fits the item and project starts its clocks; the title and description are public (redacted) and are what agents read to callers. Announced as `incident.declared.v1`.
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["IncidentsController_declare"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * An incident with its SLA clocks, updates, history and how many children are still open
         * @description Its children are at `GET /v1/incidents/{id}/children`; the ETag is its version, for `If-Match` on commands.
         *
         *     Roles: any authenticated user (agent, supervisor, handler, manager, quality, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["IncidentsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents/{id}/candidates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open tickets about the same item and place that belong to no incident: the callers offered to join
         * @description Same project and item, and the same building when the incident names one; newest first, at most 100; none once the incident is resolved. The agent confirms with one `POST /v1/incidents/{id}/children`.
         *
         *     Roles: any authenticated user (agent, supervisor, handler, manager, quality, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["IncidentsController_candidates"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents/{id}/children": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tickets linked to the incident, oldest first
         * @description Each keeps its customer, contacts and callback; read one at `GET /v1/tickets/{ticketId}`. Names are masked.
         *
         *     Roles: any authenticated user (agent, supervisor, handler, manager, quality, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["IncidentsController_children"];
        put?: never;
        /**
         * Join tickets to the incident (1 to 100 at once): all of them or none
         * @description Each ticket’s own SLA clocks stop (the incident’s count for it) and it will be resolved with the incident; announced per ticket as `ticket.incident_joined.v1`. A ticket already in this incident counts once. Refused: a ticket you may not see or of another project (422 naming `ticketIds[i]`), a handled one or one in another incident (409), routine work a schedule opened (409 `TICKET.SCHEDULED_WORK`: it has no caller to tell), a resolved incident (409).
         *
         *     Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["IncidentsController_linkTickets"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents/{id}/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dispatch (派单) the incident to a department and optionally a handler
         * @description Meets its dispatch clock; the children are not dispatched one by one. Announced as `incident.dispatched.v1`.
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["IncidentsController_dispatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve (办结) the incident; its open children are resolved with the same text
         * @description Each open child is resolved in its own transaction shortly after (its `ticket.resolved.v1` schedules its own callback), surviving restarts; `openChildren` and `childrenOwedResolution` show the progress. With `resolveChildren: false` the children stay open until `POST /v1/incidents/{id}/resolve-children`. Every child’s customer is told it is fixed, once, by a last update (`customerMessage`, else the resolution’s first 1,000 characters; none with `notifyCustomers: false`), announced as `incident.updated.v1` when the incident has children. Announced as `incident.resolved.v1`.
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["IncidentsController_resolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents/{id}/resolve-children": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve the open children of a resolved incident with its resolution
         * @description For an incident resolved with `resolveChildren: false`; asked once, a repeat changes nothing (409 while the incident is open).
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["IncidentsController_resolveChildren"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/incidents/{id}/updates": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Tell every child’s customer how the incident is going (进展通报)
         * @description One `incident.updated.v1` naming each child’s customer once, however many tickets they have; the notifications service sends one `incident_update` message per customer to webhook subscribers (SMS / WeChat gateways). The first update meets the first-response clock.
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["IncidentsController_update"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/knowledge/demand": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Catalogue items by how many tickets of your projects raised them, most asked first
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["DemandController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kpis": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * KPIs of a period, grouped (your projects only)
         * @description Tickets count in the period they were received in, callbacks in the period they were due in; durations are working minutes by the company business calendar. Rates are fractions 0..1, null when their denominator is 0. Each group carries `tickets`, the query that exports the tickets behind it. A period starts in 1900 or later and lasts at most 3,660 days (10 years: REPORT.PERIOD_TOO_EARLY naming `from`, REPORT.PERIOD_TOO_LONG naming `to`).
         *
         *     - `received`: tickets opened in the period
         *     - `valid`: of those, judged valid (latest validity decision; a dispatch of a repair or complaint still pending, new or reopened, is its valid decision, and so is an earlier dispatch of a matter reclassified a repair or complaint, from the amendment on)
         *     - `invalid`: of those, judged invalid (a judgement a reopening withdrew counts in none of valid, invalid, outOfScope until judged again or dispatched)
         *     - `outOfScope`: of those, judged out of scope (redirected; a judgement a reopening withdrew counts in none until judged again or dispatched)
         *     - `dispatched`: of those, dispatched to a department at least once
         *     - `resolved`: of those, resolved or closed and not reopened since
         *     - `closed`: of those, closed and not reopened since
         *     - `reopened`: of those, reopened at least once
         *     - `escalated`: of those, escalated at least once
         *     - `majorComplaints`: of those, graded major on receipt or escalated as a major complaint
         *     - `extensions`: extensions of the promised time granted on those tickets (each extension counts)
         *     - `incidents`: incidents (群发事件) declared in the period
         *     - `incidentChildren`: of the tickets received, those joined to an incident: one fault, many callers
         *     - `distinctMatters`: tickets received not joined to an incident, plus incidents declared: each fault counted once
         *     - `resolutionRate`: resolved / received
         *     - `firstResponseOnTimeRate`: tickets first replied to (or resolved before any reply) with no first-response breach / tickets first replied to or resolved, or whose first-response clock breached
         *     - `resolutionOnTimeRate`: resolved with no resolution breach / resolved or whose resolution clock breached, over tickets not joined to an incident and incidents declared (an incident stands for its children)
         *     - `dispatchOnTimeRate`: dispatched within the dispatch clock / dispatched under a dispatch clock or whose dispatch clock ran out (报修、投诉的转发是否及时), over tickets and incidents declared; a ticket or incident with no dispatch clock, a child an incident stands for and routine work a schedule opened count in neither
         *     - `onSiteOnTimeRate`: handler on site (上门) within the on-site clock / arrived under an on-site clock or whose on-site clock ran out, over tickets; a ticket with no on-site clock and a child an incident stands for count in neither
         *     - `satisfactionRate`: completed callbacks with the customer satisfied (非常满意 or 满意) / completed callbacks with a verdict (a care call may record none)
         *     - `callbackCompletionRate`: completed callbacks / callbacks due in the period, cancelled ones excepted
         *     - `callbackOnTimeRate`: callbacks completed no later than their due time / completed callbacks
         *     - `reopenRate`: reopened / tickets ever resolved
         *     - `knowledgeAnswerUsageRate`: tickets answered with a unified answer (统一答复) / tickets given a reply or an explanation
         *     - `answerAccuracyRate`: spot checks passed / spot checks made in the period (解答准确率, as quality judged the agents’ answers); by agent and project, else the total only
         *     - `recordCompletenessRate`: closed tickets whose record held all it should when closed / closed tickets (处理记录是否完整: item, project; the building and room its catalogue item asks for; for a repair or complaint its validity and, when valid, the department; for a suggestion its evaluation), over tickets closed by a release that judged it
         *     - `firstResponseMinutes`: working minutes from opening to the first reply, or the resolution when it came first, over tickets replied to or resolved: p50 and p90 by nearest rank, read from 2 %-wide bins (the mean of the bin holding the rank: exact when it holds one value, else within 2 %)
         *     - `resolutionMinutes`: working minutes from opening to the latest resolution, over resolved tickets: p50 and p90 by nearest rank, read from 2 %-wide bins (the mean of the bin holding the rank: exact when it holds one value, else within 2 %)
         *
         *     Roles: manager, supervisor, quality.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["KpisController_kpis"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kpis/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The tickets behind a KPI figure, one CSV row each (your projects only)
         * @description One row per ticket received in the period (of the group `key` of `groupBy` when given), with every field the KPIs read. A period of at most 366 days (`REPORT.PERIOD_TOO_LONG` naming `to`); `key` needs `groupBy`.
         *
         *     Roles: manager, supervisor, quality.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["KpisController_tickets"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/kpis/topics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Top consultation topics of a period, with the trend (your projects only)
         * @description 咨询内容分类统计: consultation tickets received in the period per item, the ten most raised, each with its count in the preceding period of the same length and the change.
         *
         *     Roles: manager, supervisor, quality.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["KpisController_topics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Your notifications, newest first, cursor-paged; unread=true leaves out those you marked read
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["NotificationsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/{id}/read": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark a notification read, for you alone; marking it again keeps the first time
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["NotificationsController_read"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/read-all": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mark every notification you may see read, for you alone (全部已读)
         * @description Every notification your token reaches now is read from now on, in every list and count; one you marked read before keeps its time. Notifications arriving afterwards, or reaching you only through a role or project given you later, are unread. Marking again with nothing new changes nothing.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["NotificationsController_readAll"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/notifications/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Live notifications as server-sent events
         * @description A `text/event-stream` of events `notification` (data: the notification as `GET /v1/notifications` lists it; id: its place on the stream), events `read` (data: `{"id", "readAt"}`, no id) when you mark read a notification this stream sent you unread (from another window, singly or by marking all read, or while it was on its way): show it read, and a heartbeat comment when idle. A notification you marked read before this stream sent it (marking all read included) comes read, with no `read`. Reconnect with `Last-Event-ID` to receive what was missed first. `read` is sent for the last 256 notifications a stream sent you unread: marking all read sends it for those the marking covers (those of the projects and roles of the token it was made with); a stream resuming with `Last-Event-ID` first sends it for those of the last 256 notifications up to that id (of this stream’s projects and roles) read since that id’s notification was recorded, and later for those read later; reload the list to show the others read. A second `read` of one notification (two markings whose messages crossed, or a resumed stream telling again what the connection before it told) carries the time the list shows: apply the last. Notifications come in the order of their ids, but one the service read late after missing it, which comes after later ones within seconds: order a list by `occurredAt`, and keep each `id` once.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["NotificationsController_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/pii-access-log": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who read which customer’s personal data unmasked, when and why (newest first)
         * @description Roles: supervisor, quality, manager, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["AccessLogController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/praise": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Praise of a month (your projects only)
         * @description Roles: manager, supervisor, quality.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["PraiseController_list"];
        put?: never;
        /**
         * Record praise (表扬) of an agent
         * @description With `ticketId`, the ticket gives the project (not a uuid, empty included: 400 naming `ticketId`; unknown, or of a project you do not serve: 404 naming `ticketId`); without, `projectCode`, which a user serving only some projects must name (422), one of theirs (403). `receivedAt` may be past, not future (422). The reason is kept with personal data redacted.
         *
         *     Roles: quality, supervisor.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["PraiseController_record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projections/rebuild": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The latest rebuild’s progress and positions
         * @description Roles: admin.
         *
         *     Project scope: shared by every project (the read model is rebuilt whole, for every project); changed only by users serving every project.
         */
        get: operations["ProjectionsController_progress"];
        put?: never;
        /**
         * Rebuild the KPI read model from the start of the intake, tickets and callbacks topics
         * @description Replays every event up to the topics’ current ends into shadow tables, while reports keep reading the live ones and live events keep flowing (those past the ends reach both); then the shadow tables replace the live ones. Progress and each partition’s position are stored, so a restarted service resumes. 409 while a rebuild runs. 409 `PROJECTION.HISTORY_TRUNCATED` naming `acceptTruncatedHistory` when retention has deleted a topic’s oldest events (its partitions in `partitions`): the rebuilt figures would lack every ticket of those events, so the rebuild starts only with `acceptTruncatedHistory=true`.
         *
         *     Roles: admin.
         *
         *     Project scope: shared by every project (the read model is rebuilt whole, for every project); changed only by users serving every project.
         */
        post: operations["ProjectionsController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The projects within the caller’s scope, with their buildings and rooms
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["ProjectsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/projects/{code}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One project with its buildings and rooms
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["ProjectsController_get"];
        /**
         * Replace a project’s definition as a whole
         * @description Roles: admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        put: operations["ProjectsController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/questionnaires/{token}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The questionnaire page (zh-CN, for phones)
         * @description Opening the link records nothing — mail and SMS link scanners open links too; only the page’s POST answers. An unknown link is 404, an answered one 409, one no longer needed (the callback ended otherwise: the customer reached by phone, the matter reopened) 409, an expired one 410; a token past its length 400, too many requests from one client 429 and the service unable to answer (its database lost) 503, both with Retry-After. Each refusal is a page in the customer’s words, with its status and headers; a client whose `Accept` prefers `application/problem+json` or `application/json` to `text/html` gets problem+json instead (no `Accept`, or `*\/*`, is a page). The same holds for what the router refuses before this operation runs: a token past 1,024 characters (414), a malformed percent-escape (400), and under `/v1/questionnaires` a path with no token or a segment after it (404 `HTTP.NOT_FOUND`).
         */
        get: operations["QuestionnairesController_show"];
        put?: never;
        /**
         * Answer the questionnaire (once)
         * @description Records the answer as the callback’s reached attempt, by "customer". A second answer is 409 `QUESTIONNAIRE.ANSWERED`; a callback that ended otherwise (reached by phone, the matter reopened, the calls failed) 409 `QUESTIONNAIRE.CLOSED`; an expired link 410 `QUESTIONNAIRE.EXPIRED`, as its page says.
         */
        post: operations["QuestionnairesController_answer"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/monthly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The monthly report leaders receive, as JSON, CSV, XLSX or printable HTML with charts (your projects only)
         * @description The month’s KPIs (formulas as in GET /v1/kpis) with the change against the period before, per section and per project; the callback statistics table (回访客户月统计表); the ten most raised consultation items (咨询内容分类统计) with their trend; escalations and major complaints. The format follows Accept. CSV, XLSX and HTML hold the same tables: CSV rows carry their table’s name first, with a `#name` row of column names before each table; XLSX has a sheet per table; HTML adds server-rendered SVG charts.
         *
         *     Roles: manager, supervisor, quality.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["ReportsController_monthlyReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/summary": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tickets opened in a period, by section, channel and project (your projects only)
         * @description A period of at most 366 days (`REPORT.PERIOD_TOO_LONG` naming `to`), starting in 1900 or later (`REPORT.PERIOD_TOO_EARLY` naming `from`); without bounds, the 366 days to now. The answer names the period counted.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["ReportsController_summary"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/reports/weekly": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The weekly report, as JSON, CSV, XLSX or printable HTML with charts (your projects only)
         * @description The ISO week’s KPIs (formulas as in GET /v1/kpis) with the change against the period before, per section and per project; the callback statistics table (回访客户月统计表); the ten most raised consultation items (咨询内容分类统计) with their trend; escalations and major complaints. The format follows Accept. CSV, XLSX and HTML hold the same tables: CSV rows carry their table’s name first, with a `#name` row of column names before each table; XLSX has a sheet per table; HTML adds server-rendered SVG charts.
         *
         *     Roles: manager, supervisor, quality.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["ReportsController_weeklyReport"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scorecard-schemes": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The scorecard scheme in force (the domain’s example until one is saved)
         * @description Roles: manager, supervisor, quality.
         *
         *     Project scope: shared by every project (the scorecard scheme is company-wide); changed only by users serving every project.
         */
        get: operations["ScorecardSchemesController_get"];
        /**
         * Replace the scorecard scheme: weighted metrics with threshold tiers, spot-check deduction, praise bonus
         * @description Each metric at most once (400 SCORECARD.METRIC_REPEATED naming `metrics[i].metric`), each of its tiers from a min of its own (SCORECARD.TIER_REPEATED naming `metrics[i].tiers[j].min`) and one tier from 0 (SCORECARD.TIERS_INCOMPLETE naming `metrics[i].tiers`).
         *
         *     Roles: manager, quality.
         *
         *     Project scope: shared by every project (the scorecard scheme is company-wide); changed only by users serving every project.
         */
        put: operations["ScorecardSchemesController_put"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/scorecards": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Agent scorecards of a month (your projects’ figures only; an agent gets their own)
         * @description Per agent: base − Σ tier deduction × weight of each scheme metric (the agent’s rate as GET /v1/kpis groups by agent: tickets they own, callbacks assigned to them; no deduction when a rate is undefined) − failed spot checks × deduction + praise × bonus.
         *
         *     Roles: manager, supervisor, quality, agent.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["ScorecardsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/sla-policies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The SLA policies and their version
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: shared by every project (SLA policies are company-wide settings; a policy names the projects it applies to); changed only by users serving every project.
         */
        get: operations["SlaPoliciesController_list"];
        /**
         * Replace the policy list (the most specific matching policy wins; ties go to the earlier one)
         * @description Applies to tickets opened afterwards: an open ticket keeps the targets, calendar, warnings and manager escalation it started with. Refused with 422 naming the field: a calendar that does not exist (`SLA.UNKNOWN_CALENDAR`, `policies[i].calendarId`); a calendar without working time from now on (`CALENDAR.NO_WORKING_TIME`, `policies[i].calendarId`); a calendar stored before the limits it breaks, to be corrected first (`CALENDAR.NEEDS_CORRECTION`, `policies[i].calendarId`); a target or escalation lying more than 1098 days ahead by the policy’s calendar (`SLA.TARGET_TOO_LONG`, `policies[i].targets.<clock>.amount` or `policies[i].escalateToManagerAfter.amount`); a warning threshold listed twice (`SLA.DUPLICATE_WARNING`, `policies[i].warnAt`).
         *
         *     Roles: admin.
         *
         *     Project scope: shared by every project (SLA policies are company-wide settings; a policy names the projects it applies to); changed only by users serving every project.
         */
        put: operations["SlaPoliciesController_replace"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/spot-checks": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Spot checks of a month (your projects only)
         * @description Roles: manager, supervisor, quality.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["SpotChecksController_list"];
        put?: never;
        /**
         * Record a spot check (抽查) of a ticket, a callback or a call recording, passed or failed
         * @description A ticket or callback is named by `target.id` alone, a recording by `target.url` alone (the other: 422 `SPOT_CHECK.TARGET_NAMED_TWICE` naming it). A ticket or callback gives the project: an unknown one, or one of a project you do not serve, is 404 naming `target`. A recording counts in `target.projectCode`, which a user serving only some projects must name (422), one of theirs (403). `checkedAt` may be past, not future (422). The comments are kept with personal data redacted, and a recording’s url with the phones, e-mails and ID numbers in its path and query masked.
         *
         *     Roles: quality, supervisor.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["SpotChecksController_record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Suggested answers for a ticket (computed when it opened, and again when the desk gives it another item) or for a text, with scores
         * @description Exactly one of ticketId and text. A ticket of another project is 404, as one never seen.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["SuggestionsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/suggestions/feedback": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record that an answer version was used, helped or did not help; it feeds the ranking
         * @description Each use counts. A user's verdict counts once per version (the same verdict again changes nothing, the other one replaces it), and once in the answer's rank, by their latest verdict on any of its versions.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["SuggestionsController_feedback"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/synonyms": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Synonym groups search uses
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: shared by every project (synonyms are the company’s vocabulary, the same for every project); changed only by users serving every project.
         */
        get: operations["SynonymsController_list"];
        put?: never;
        /**
         * Add a synonym group; a term belongs to one group only (409 otherwise)
         * @description Roles: admin.
         *
         *     Project scope: shared by every project (synonyms are the company’s vocabulary, the same for every project); changed only by users serving every project.
         */
        post: operations["SynonymsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/synonyms/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Replace the terms of a synonym group
         * @description Groups are added by POST, which makes their ids; an id no group has is 404 SYNONYM.NOT_FOUND and adds nothing.
         *
         *     Roles: admin.
         *
         *     Project scope: shared by every project (synonyms are the company’s vocabulary, the same for every project); changed only by users serving every project.
         */
        put: operations["SynonymsController_replace"];
        post?: never;
        /**
         * Remove a synonym group
         * @description Roles: admin.
         *
         *     Project scope: shared by every project (synonyms are the company’s vocabulary, the same for every project); changed only by users serving every project.
         */
        delete: operations["SynonymsController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ticket-schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The recurring schedules of your projects, oldest first
         * @description Roles: supervisor, manager, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["TicketSchedulesController_list"];
        put?: never;
        /**
         * Make a recurring schedule that opens and dispatches a ticket for each occurrence
         * @description Daily, weekly (on ISO weekdays) or monthly, every `interval`; working days by the business calendar (holidays, 调休). An occurrence on a non-working day opens on the next working day or is skipped (`onNonWorkingDay`); a schedule opens at most one ticket a day. Each ticket has channel `schedule`, `origin` naming the schedule and occurrence, and is dispatched to `department` at once. 403 for a project you do not serve; 422 for an unknown item or calendar, or a rule that cannot work.
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketSchedulesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/ticket-schedules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A recurring schedule, its next occurrence and the latest tickets it opened
         * @description Roles: supervisor, manager, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["TicketSchedulesController_get"];
        /**
         * Replace a schedule’s rule, or pause it (`active: false`)
         * @description What it opened stays; the next occurrence is recomputed from where it got, so nothing opens twice. The project cannot change (422).
         *
         *     Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        put: operations["TicketSchedulesController_replace"];
        post?: never;
        /**
         * Delete a schedule: it opens nothing more; the tickets it opened stay
         * @description Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        delete: operations["TicketSchedulesController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Tickets by filters, cursor-paged; sort=due puts the nearest deadline first
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["TicketsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A ticket with its SLA clocks, history, demand (诉求), linked contacts and who else has it open
         * @description The demand is the redacted summary of the contact that opened the ticket; the full text of it and of each linked contact is read from intake at `GET /v1/contacts/{contactId}` (or all of them at `GET /v1/contacts?ticketId=…`), which applies the personal-data rules. `presence` lists the other people viewing or editing it now (`PUT /v1/tickets/{id}/presence`); it is empty, not an error, while the presence store is down.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["TicketsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/arrival": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 上门 — the handler arrived on site (meets the on-site clock)
         * @description For a dispatched ticket, once: the time the handler arrived (`arrivedAt`, now when absent) meets the `on_site` clock its SLA policy set, if any, and a dispatched ticket is in progress. 409 TICKET.ILLEGAL_TRANSITION for a ticket never dispatched, one not dispatched or in progress, one resolved before an arrival was told (the resolution met the clock), or an arrival told already; 422 TICKET.ARRIVAL_IN_FUTURE (more than a minute ahead) or TICKET.ARRIVAL_BEFORE_DISPATCH naming `arrivedAt`.
         *
         *     Roles: agent, supervisor, handler, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_arrival"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/close": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Close a resolved ticket (结案)
         * @description Roles: agent, supervisor, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_close"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/dispatch": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Dispatch (派单) to a department and optionally a handler
         * @description Roles: agent, supervisor, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_dispatch"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/escalations": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Escalate to the supervisor (1) or the leaders (2)
         * @description Without `level`, one level up. To level 2 (the leaders) only supervisor, manager, admin: 403 TICKET.NOT_ALLOWED for anyone else, so an agent's second escalation of a ticket is refused.
         *
         *     Roles: agent, supervisor, manager, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_escalations"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/extensions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Extend a deadline before it passes, after telling the customer why
         * @description A first reply may not move past the resolution deadline, nor, for a consultation, past 3 working days after receipt unless a supervisor sends `exception` (422 TICKET.CAP_EXCEEDED with `capAt` and `limit`). `exception` is approved by supervisor, admin only: 403 TICKET.NOT_ALLOWED naming `exception` for anyone else.
         *
         *     Roles: agent, supervisor, handler, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_extensions"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/merges": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Merge a duplicate ticket into this one (工单合并)
         * @description This ticket survives. The duplicate’s contacts move here (each with `mergedFrom`) and count as follow-ups; this ticket keeps its clocks and history; the duplicate is closed as merged, read-only (409 TICKET.MERGED on any command), its clocks stopped and its history kept, and `ticket.merged.v1` names both. Later contacts naming the duplicate follow up here. Both must be open (409 TICKET.ILLEGAL_TRANSITION otherwise), of the same project (422 TICKET.MERGE_OTHER_PROJECT) and customer (422 TICKET.MERGE_OTHER_CUSTOMER). This ticket keeps its grade and escalation, so a major complaint is merged only into one (422 TICKET.MERGE_MAJOR_INTO_GENERAL) and a duplicate escalated further only into one escalated as far (422 TICKET.MERGE_ESCALATED_INTO_LOWER): merge the other way. A duplicate the caller cannot see is 422 TICKET.UNKNOWN_TICKET. `If-Match` guards this ticket’s version, `ticketVersion` the duplicate’s.
         *
         *     Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketMergesController_merges"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/opinions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Request an opinion (征求意见) from a department or legal counsel, due by a deadline; the new opinion is the last of `opinions`
         * @description Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["ComplaintResearchController_request"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/opinions/{opinionId}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the opinion given; once (409 after), late if after its deadline
         * @description Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["ComplaintResearchController_record"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/pause": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Await the customer: SLA clocks stand still
         * @description Roles: agent, supervisor, handler, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/presence": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /**
         * Say you are viewing or editing the ticket (a heartbeat; repeat every ~10 s)
         * @description Keeps you in the ticket’s presence list for 30 seconds and answers who else is on it. Others see your user id, display name, mode and since when, on `GET /v1/tickets/{id}` (`presence`) and its live stream. 503 when the presence store (Redis) is down.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        put: operations["TicketPresenceController_heartbeat"];
        post?: never;
        /**
         * Leave the ticket: you drop out of its presence list at once
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        delete: operations["TicketPresenceController_leave"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/presence/stream": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who else is on the ticket, live, as server-sent events
         * @description A `text/event-stream`: an event `presence` with everyone else on the ticket now, then again whenever that changes (someone arrives, switches between viewing and editing, leaves, or their heartbeat lapses), and a heartbeat comment when idle. Watching does not make you present: send `PUT /v1/tickets/{id}/presence` for that. Without Redis the list is empty.
         *
         *     Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["TicketPresenceController_stream"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/promise": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Promise the customer a reply within 10/20/30 minutes or 1/2/3 working days
         * @description Refused 422 TICKET.CAP_EXCEEDED (field `tier`) when, with the extensions already granted, the reply would fall past its cap. `exception` is approved by supervisor, admin only: 403 TICKET.NOT_ALLOWED naming `exception` for anyone else.
         *
         *     Roles: agent, supervisor, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_promise"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/record": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * 补录 — complete or correct the record: the catalogue item, the building, the room
         * @description What `recordGaps` lists is what the record lacks; this fills the item and the place (the validity, the department and a suggestion’s evaluation come from their own commands). A field equal to what the ticket holds changes nothing; none given is 422 TICKET.NOTHING_TO_AMEND. Refused 409 on a closed ticket (its record was judged when it closed; reopen it first), 409 TICKET.MAJOR_COMPLAINT_STAYS for a major complaint moved out of complaints, 422 TICKET.UNKNOWN_ITEM (field `itemCode`) for an item the catalogue does not hold active, 422 TICKET.PERSONAL_DATA for a building or room holding a phone number, e-mail address or ID number, and 403 TICKET.NOT_ALLOWED for moving a matter already judged (its validity judged, or resolved, or reopened; a consultation or suggestion shown valid by its dispatch was judged by nobody) to another section by anyone but supervisor, admin: the supervisor decides that. The SLA clocks keep the policy they started under (ADR 0075); the project is not amended, as it decides who may see the ticket.
         *
         *     Roles: agent, supervisor, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_amendRecord"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/reopen": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Re-process (重新处理) a resolved or closed ticket
         * @description A closed ticket was accepted by the customer: only supervisor, admin reopen it, 403 TICKET.NOT_ALLOWED for anyone else.
         *
         *     Roles: agent, supervisor, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_reopen"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/replies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Reply to the customer (meets the first-response clock)
         * @description Roles: agent, supervisor, handler, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_replies"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/reply-approval": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Approve the reply drafted for a complaint no unified answer covers; a later approval replaces it
         * @description Roles: supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["ComplaintResearchController_approve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/resolve": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resolve (办结) with the resolution; the callback (回访) is scheduled from here
         * @description Roles: agent, supervisor, handler, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_resolve"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/resume": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * The customer answered: SLA clocks run again
         * @description Roles: agent, supervisor, handler, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/suggestion/evaluation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Evaluate a suggestion: reasonable, feasible, valuable, with a comment (re-evaluating is allowed until it is forwarded)
         * @description Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["SuggestionsController_evaluation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/suggestion/forward": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Forward a suggestion evaluated as valuable to the department that implements it (the ticket is dispatched there)
         * @description Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["SuggestionsController_forward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/suggestion/implementation": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Track the implementation of a forwarded suggestion: in progress, then implemented or rejected with its result; handlers of the department report it
         * @description Roles: agent, supervisor, handler, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["SuggestionsController_implementation"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/suggestion/reward": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Record the reward (gift, coupon, points) given to the customer for an implemented suggestion; once per suggestion
         * @description Roles: agent, supervisor, admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["SuggestionsController_reward"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/{id}/validity": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Judge validity: valid, invalid (answered) or out of scope (redirected)
         * @description Once, while the validity is pending, in any open status. Invalid and out of scope resolve the ticket with the explanation. Reopening a matter judged invalid or out of scope makes its validity pending again, to be judged anew or dispatched as valid (ADR 0081). Validity is judged for a repair or complaint a caller brought (报修、投诉) only: a consultation, a suggestion, any other section, routine work a schedule opened (周期工单) and a matter not yet classified are refused 422 TICKET.VALIDITY_NOT_JUDGED naming `decision`, with the ticket’s `sectionCode` (ADR 0166); classify the matter first with `POST /v1/tickets/{id}/record`.
         *
         *     Roles: agent, supervisor, admin; any other role is refused 403 TICKET.NOT_ALLOWED.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["TicketsController_validity"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/tickets/counts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * How many tickets a queue holds, per status, grade and escalation level (the dashboard); same filters and visibility as the list
         * @description Roles: any authenticated user (agent, supervisor, quality, handler, manager, admin).
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["TicketsController_counts"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-subscriptions": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The subscriptions of your projects (every one, if you serve every project)
         * @description Roles: admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["WebhookSubscriptionsController_list"];
        put?: never;
        /**
         * Subscribe a URL to kinds of notifications; the answer carries the signing secret, shown only this once
         * @description Roles: admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        post: operations["WebhookSubscriptionsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/webhook-subscriptions/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One subscription: its URL, kinds and whether it is active (never the secret)
         * @description Roles: admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["WebhookSubscriptionsController_get"];
        put?: never;
        post?: never;
        /**
         * Remove a subscription with its delivery log; pending deliveries are not sent
         * @description Roles: admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        delete: operations["WebhookSubscriptionsController_remove"];
        options?: never;
        head?: never;
        /**
         * Rename, repoint, change the kinds, or pause (active=false) a subscription
         * @description Roles: admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        patch: operations["WebhookSubscriptionsController_update"];
        trace?: never;
    };
    "/v1/webhook-subscriptions/{id}/deliveries": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The delivery log, newest first: status, attempts, last answer and next attempt
         * @description Roles: admin.
         *
         *     Project scope: limited to the caller’s projects; another project’s data is 404.
         */
        get: operations["WebhookSubscriptionsController_deliveries"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        AccessLogEntryDto: {
            /** Format: date-time */
            accessedAt: string;
            /** @description user id (sub) of the reader */
            actor: string;
            actorName: string;
            /** Format: uuid */
            customerId: string;
            /**
             * @description the personal fields shown unmasked
             * @example [
             *       "phones",
             *       "name"
             *     ]
             */
            fields: string[];
            id: string;
            /**
             * @description the X-Access-Purpose the reader gave
             * @example 回电核实
             */
            purpose: string;
            requestId?: string;
        };
        AccessLogPageDto: {
            items: components["schemas"]["AccessLogEntryDto"][];
            /** @description pass as `cursor` for the next page; absent on the last page */
            nextCursor?: string;
        };
        AdjustedWorkingDayDto: {
            /**
             * Format: date
             * @example 2026-09-27
             */
            date: string;
            /**
             * @description the day's own hours; absent: Monday's
             * @example [
             *       [
             *         "08:30",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:30"
             *       ]
             *     ]
             */
            hours?: string[][];
            /** @example 国庆节调休 */
            name: string;
        };
        AllReadView: {
            /**
             * @description your unread notifications after the marking, counted up to 1,000 as in `GET /v1/notifications`: those arriving meanwhile
             * @example 0
             */
            unreadCount: number;
        };
        AnswerPage: {
            items: components["schemas"]["AnswerView"][];
            /** @description pass as `cursor` for the next page */
            nextCursor?: string;
        };
        AnswerVersionList: {
            /** @description newest first */
            items: components["schemas"]["AnswerVersionView"][];
            /** @description pass as `cursor` for the next page */
            nextCursor?: string;
        };
        AnswerVersionView: {
            /** Format: uuid */
            answerId: string;
            /** @description the supervisor who approved it */
            approvedBy: string;
            /** @description markdown */
            body: string;
            /** Format: date-time */
            effectiveFrom?: string;
            /** Format: date-time */
            effectiveTo?: string;
            itemCode?: string;
            /** @description null: every project */
            projects: string[] | null;
            /** Format: date-time */
            publishedAt: string;
            questions: string[];
            /** Format: date */
            reviewBy?: string;
            sectionCode?: string;
            sourceDepartment?: string;
            tags: string[];
            /** @example 物业费的缴纳方式 */
            title: string;
            version: number;
        };
        AnswerView: {
            /** @description markdown */
            body: string;
            /** @description who wrote the draft: none of them may approve it */
            contributors: string[];
            /** Format: date-time */
            createdAt: string;
            createdBy: string;
            /** Format: date-time */
            effectiveFrom?: string;
            /** Format: date-time */
            effectiveTo?: string;
            /** Format: uuid */
            id: string;
            itemCode?: string;
            /** @description null: every project */
            projects: string[] | null;
            /** @description the latest version approved, if one was; one approved to start later (its effectiveFrom) waits for its start while the version before stays in force for search and suggestions */
            publishedVersion?: number;
            questions: string[];
            rejection?: components["schemas"]["RejectionView"];
            /** Format: date */
            reviewBy?: string;
            sectionCode?: string;
            sourceDepartment?: string;
            /**
             * @description of the working copy; a published version stays in force while a new draft is edited
             * @enum {string}
             */
            status: "draft" | "submitted" | "published" | "retired";
            tags: string[];
            /** @example 物业费的缴纳方式 */
            title: string;
            /** Format: date-time */
            updatedAt: string;
            /** @description the working copy’s version, also its ETag */
            version: number;
        };
        ApprovedReplyView: {
            /** Format: date-time */
            at: string;
            /** @description the approving supervisor */
            by: string;
            /** @example 经核实，该问题属合同约定范围外 */
            text: string;
        };
        ArrivalDto: {
            /**
             * Format: date-time
             * @description when the handler arrived; absent: now. Not before the dispatch, not more than a minute in the future (422 naming `arrivedAt`; less is taken as now)
             * @example 2026-11-24T10:00:00+08:00
             */
            arrivedAt?: string;
            /** @example 师傅已到达3栋1202 */
            note?: string | null;
        };
        AttachmentDto: {
            /** @example leak.jpg */
            name: string;
            /**
             * @description bytes
             * @example 120000
             */
            size: number;
            /** @example image/jpeg */
            type: string;
            /** @example https://files.example.com/2026/11/leak.jpg */
            uri: string;
        };
        AttemptDto: {
            comment?: string | null;
            /**
             * Format: date-time
             * @description dissatisfied and not solvable at once: the department’s rectification deadline (限期整改)
             */
            departmentDeadline?: string | null;
            /** @description needs the customer raised; intake records them as a new contact */
            newNeeds?: string | null;
            /**
             * Format: date-time
             * @description dissatisfied and not solvable at once: when to call again
             */
            nextCallbackAt?: string | null;
            /** @enum {string} */
            outcome: "reached" | "no_answer" | "busy" | "wrong_number" | "refused";
            /**
             * @description required when a ticket’s customer was reached
             * @enum {string|null}
             */
            satisfaction?: "very_satisfied" | "satisfied" | "neutral" | "dissatisfied" | "very_dissatisfied" | null;
            /** @description satisfaction with the handling */
            score?: number | null;
            /** @description satisfaction with the service */
            serviceScore?: number | null;
        };
        AttemptView: {
            /** Format: date-time */
            at: string;
            attempt: number;
            by: string;
            /** @description personal data redacted */
            comment?: string;
            /** @description personal data redacted */
            newNeeds?: string;
            /** Format: date-time */
            nextAttemptAt?: string;
            /** @enum {string} */
            outcome: "reached" | "no_answer" | "busy" | "wrong_number" | "refused";
            /** @enum {string} */
            satisfaction?: "very_satisfied" | "satisfied" | "neutral" | "dissatisfied" | "very_dissatisfied";
            score?: number;
            serviceScore?: number;
        };
        AudienceView: {
            /**
             * @description handlers are reached only in this department
             * @example engineering
             */
            department?: string;
            /** @example P001 */
            projectCode?: string;
            /**
             * @example [
             *       "supervisor",
             *       "manager"
             *     ]
             */
            roles: ("supervisor" | "manager" | "handler" | "agent")[];
        };
        BuildingDto: {
            /** @example 3 */
            code: string;
            /** @example 3栋 */
            name: string;
            /**
             * @example [
             *       "101",
             *       "1202"
             *     ]
             */
            rooms: string[];
        };
        BuildingViewDto: {
            /** @example 3 */
            code: string;
            /** @example 3栋 */
            name: string;
            /**
             * @example [
             *       "101",
             *       "1202"
             *     ]
             */
            rooms: string[];
        };
        CalendarDocumentDto: {
            /** @description dates without working time */
            holidays?: components["schemas"]["HolidayDto"][];
            /**
             * @description IANA time zone name (offsets such as +08:00 are refused)
             * @example Asia/Shanghai
             */
            timezone: string;
            /** @description 调休: dates that are working days */
            workingDays?: components["schemas"]["AdjustedWorkingDayDto"][];
            /** @description all seven days, mon…sun */
            workingHours: components["schemas"]["WeeklyHoursDto"];
        };
        CalendarDueDto: {
            /**
             * @description the deadline in the calendar's time zone, with its UTC offset
             * @example 2026-10-09T17:30:00+08:00
             */
            due: string;
        };
        CalendarViewDto: {
            /** @description dates without working time */
            holidays?: components["schemas"]["HolidayDto"][];
            /** @example default */
            id: string;
            /**
             * @description IANA time zone name (offsets such as +08:00 are refused)
             * @example Asia/Shanghai
             */
            timezone: string;
            /**
             * @description also the ETag; send it back as If-Match when editing
             * @example 3
             */
            version: number;
            /** @description 调休: dates that are working days */
            workingDays?: components["schemas"]["AdjustedWorkingDayDto"][];
            /** @description all seven days, mon…sun */
            workingHours: components["schemas"]["WeeklyHoursDto"];
        };
        CallbackCustomerView: {
            /** @example 张* */
            nameMasked: string;
            /**
             * @example [
             *       "key_customer"
             *     ]
             */
            tags: string[];
        };
        CallbackDetailView: {
            /** @description absent: the project’s pool does it */
            assignee?: string;
            /** @description earlier attempts, oldest first */
            attemptHistory: components["schemas"]["AttemptView"][];
            attempts: number;
            attemptsAllowed: number;
            /** Format: date-time */
            completedAt?: string;
            /** Format: date-time */
            createdAt: string;
            /** @description absent until intake’s customer.registered has reached callbacks */
            customer?: components["schemas"]["CallbackCustomerView"];
            /** Format: uuid */
            customerId: string;
            /** Format: date-time */
            dueAt: string;
            followUps: components["schemas"]["FollowUpView"][];
            /** Format: uuid */
            id: string;
            itemCode?: string;
            /** @enum {string} */
            kind: "ticket" | "key_customer" | "care";
            /** @enum {string} */
            method: "phone" | "sms" | "email" | "questionnaire";
            /**
             * Format: date-time
             * @description when to try again after an unanswered attempt
             */
            nextAttemptAt?: string;
            /** Format: uuid */
            planId?: string;
            policyId?: string;
            /** Format: uuid */
            previousCallbackId?: string;
            projectCode?: string;
            satisfied?: boolean;
            sectionCode?: string;
            /** @enum {string} */
            status: "due" | "overdue" | "done" | "failed" | "cancelled";
            /** @description absent when the ticket’s creation was not seen by this service */
            ticket?: components["schemas"]["CallbackTicketView"];
            /** Format: uuid */
            ticketId?: string;
        };
        CallbackMatchDto: {
            /**
             * @example [
             *       "major"
             *     ]
             */
            grades?: string[] | null;
            /**
             * @example [
             *       "repair.public_area"
             *     ]
             */
            items?: string[] | null;
            /**
             * @example [
             *       "P001"
             *     ]
             */
            projects?: string[] | null;
            /**
             * @example [
             *       "complaint"
             *     ]
             */
            sections?: string[] | null;
        };
        CallbackPage: {
            items: components["schemas"]["CallbackView"][];
            /** @description pass as `cursor` for the next page */
            nextCursor?: string;
        };
        CallbackPlanDto: {
            /** @description the agent who calls; absent: the project’s pool */
            assignee?: string | null;
            /** @default 3 */
            attemptsAllowed?: number | null;
            /** @default default */
            calendarId?: string | null;
            /**
             * @description working days after a run by which its callbacks are due
             * @example 5
             */
            dueWorkingDays: number;
            /**
             * Format: date-time
             * @description the first run; for a birthday plan, the day from which birthdays are greeted
             */
            firstRunAt: string;
            /** @enum {string} */
            kind: "key_customer" | "care";
            /** @enum {string} */
            method: "phone" | "sms" | "email" | "questionnaire";
            /** @example 重点客户月度回访 */
            name: string;
            /** @example P001 */
            projectCode: string;
            /** @description required unless trigger=birthday */
            recurrence?: components["schemas"]["RecurrenceDto"];
            /** @default 120 */
            retrySpacingMinutes?: number | null;
            /**
             * @description customers holding any of these tags; none: every customer of the project
             * @example [
             *       "vip"
             *     ]
             */
            tags?: string[] | null;
            /**
             * @description schedule: each run calls the selection; birthday (care plans only): a selected customer is called once a year on their birthday (生日关怀)
             * @default schedule
             * @enum {string|null}
             */
            trigger?: "schedule" | "birthday" | null;
        };
        CallbackPlansView: {
            items: components["schemas"]["CallbackPlanView"][];
        };
        CallbackPlanView: {
            active: boolean;
            /** @description the agent who calls; absent: the project’s pool */
            assignee?: string | null;
            /** @default 3 */
            attemptsAllowed?: number | null;
            /** @default default */
            calendarId?: string | null;
            /**
             * @description working days after a run by which its callbacks are due
             * @example 5
             */
            dueWorkingDays: number;
            /**
             * Format: date-time
             * @description the first run; for a birthday plan, the day from which birthdays are greeted
             */
            firstRunAt: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "key_customer" | "care";
            /** @enum {string} */
            method: "phone" | "sms" | "email" | "questionnaire";
            /** @example 重点客户月度回访 */
            name: string;
            /** Format: date-time */
            nextRunAt?: string;
            /** @example P001 */
            projectCode: string;
            /** @description required unless trigger=birthday */
            recurrence?: components["schemas"]["RecurrenceDto"];
            /** @default 120 */
            retrySpacingMinutes?: number | null;
            /** @description how many times it has run */
            runs: number;
            /**
             * @description customers holding any of these tags; none: every customer of the project
             * @example [
             *       "vip"
             *     ]
             */
            tags?: string[] | null;
            /**
             * @description schedule: each run calls the selection; birthday (care plans only): a selected customer is called once a year on their birthday (生日关怀)
             * @default schedule
             * @enum {string|null}
             */
            trigger?: "schedule" | "birthday" | null;
        };
        CallbackPoliciesDto: {
            policies: components["schemas"]["CallbackPolicyDto"][];
        };
        CallbackPoliciesView: {
            policies: components["schemas"]["CallbackPolicyDto"][];
            /** @example 3 */
            version: number;
        };
        CallbackPolicyDto: {
            /**
             * @description the first-contact owner (首问责任人), or the project’s pool
             * @enum {string}
             */
            assignTo: "first_contact_owner" | "project_pool";
            /** @example 3 */
            attemptsAllowed: number;
            /** @default default */
            calendarId?: string | null;
            /**
             * @description working days after resolution by which the callback is due (0: the same working day)
             * @example 3
             */
            dueWorkingDays: number;
            /** @example complaint */
            id: string;
            match: components["schemas"]["CallbackMatchDto"];
            /** @enum {string} */
            method: "phone" | "sms" | "email" | "questionnaire";
            /** @example 投诉处理完毕3个工作日内回访 */
            name: string;
            /**
             * @description a ticket closed without a completed callback is reported as missed
             * @default true
             */
            required?: boolean | null;
            /**
             * @description minutes between an unanswered attempt and the next
             * @example 120
             */
            retrySpacingMinutes: number;
        };
        CallbackStatisticsRowView: {
            cancelled: number;
            completed: number;
            /** @description completed / due */
            completionRate: number | null;
            /** @description completed with a lower verdict; a care call completed with none is neither */
            dissatisfied: number;
            /** @description due in the month, cancelled ones excepted */
            due: number;
            /** @description every attempt unanswered or refused */
            failed: number;
            /** @description completed no later than due */
            onTime: number;
            /** @description onTime / completed */
            onTimeRate: number | null;
            /** @description passed the due time while pending */
            overdue: number;
            /** @description still scheduled */
            pending: number;
            /** @description satisfied / (satisfied + dissatisfied) */
            satisfactionRate: number | null;
            /** @description completed with the customer satisfied (非常满意 or 满意) */
            satisfied: number;
            /**
             * @description catalogue section of the callbacks; `total` for the sum row
             * @example complaint
             */
            section: string;
        };
        CallbackStatisticsView: {
            rows: components["schemas"]["CallbackStatisticsRowView"][];
            total: components["schemas"]["CallbackStatisticsRowView"];
        };
        CallbackTicketView: {
            itemCode?: string;
            number: string;
            /** Format: date-time */
            openedAt: string;
            /** @enum {string} */
            status: "new" | "dispatched" | "in_progress" | "awaiting_customer" | "resolved" | "closed";
        };
        CallbackView: {
            /** @description absent: the project’s pool does it */
            assignee?: string;
            attempts: number;
            attemptsAllowed: number;
            /** Format: date-time */
            completedAt?: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            customerId: string;
            /** Format: date-time */
            dueAt: string;
            followUps: components["schemas"]["FollowUpView"][];
            /** Format: uuid */
            id: string;
            itemCode?: string;
            /** @enum {string} */
            kind: "ticket" | "key_customer" | "care";
            /** @enum {string} */
            method: "phone" | "sms" | "email" | "questionnaire";
            /**
             * Format: date-time
             * @description when to try again after an unanswered attempt
             */
            nextAttemptAt?: string;
            /** Format: uuid */
            planId?: string;
            policyId?: string;
            /** Format: uuid */
            previousCallbackId?: string;
            projectCode?: string;
            satisfied?: boolean;
            sectionCode?: string;
            /** @enum {string} */
            status: "due" | "overdue" | "done" | "failed" | "cancelled";
            /** Format: uuid */
            ticketId?: string;
        };
        CallerCardDto: {
            /** @description masked unless `customer.pii.read` and `X-Access-Purpose`; tags such as `key_customer` */
            customer: components["schemas"]["CustomerViewDto"];
            /** @description the last 5 completed callbacks (回访), newest first */
            lastCallbacks: components["schemas"]["DeskCallbackDto"][];
            /** @description the last 5 contacts, newest first */
            lastContacts: components["schemas"]["ContactViewDto"][];
            /** @description open tickets of the caller’s projects, nearest deadline first */
            openTickets: components["schemas"]["DeskTicketDto"][];
        };
        CallerLookupDto: {
            /** @description one card per customer record holding the phone that the caller may see; empty when none */
            items: components["schemas"]["CallerCardDto"][];
        };
        CapExceptionDto: {
            /**
             * @description why the cap is waived; recorded in history and the event
             * @example 需法务部出具意见，经主管批准延至5个工作日
             */
            reason: string;
        };
        CatalogueItemDto: {
            /** @description false retires the item; items are never deleted */
            active: boolean;
            /**
             * @description <section>.<item>, English snake_case; never changes
             * @example repair.public_area
             */
            code: string;
            label: components["schemas"]["CatalogueLabelDto"];
            /**
             * @description Where the record of a matter of this item must say it happened (房号), as `recordGaps` judges it: room (a building and its room), building (a building only: a public area), none. Absent: the place the item has, and for a new item its section’s — room for repairs and complaints (building for repair.public_area), none for the rest
             * @enum {string|null}
             */
            place?: "room" | "building" | "none" | null;
        };
        CatalogueItemViewDto: {
            active: boolean;
            /** @example repair.public_area */
            code: string;
            label: components["schemas"]["CatalogueLabelDto"];
            /**
             * @description Where the record of a matter of this item must say it happened (房号), as `recordGaps` judges it: room (a building and its room), building (a building only: a public area), none. Its own, or its section’s
             * @enum {string}
             */
            place: "room" | "building" | "none";
        };
        CatalogueLabelDto: {
            /**
             * @description shown and published as given (catalogue.changed): one holding a phone number, an e-mail address or an ID number is 422 CATALOGUE.PERSONAL_DATA naming it
             * @example Repair
             */
            en: string;
            /**
             * @description shown and published as given (catalogue.changed): one holding a phone number, an e-mail address or an ID number is 422 CATALOGUE.PERSONAL_DATA naming it
             * @example 报修
             */
            "zh-CN": string;
        };
        CatalogueSectionDto: {
            /** @description false retires the section and makes all its items unusable */
            active: boolean;
            /**
             * @description English snake_case; never changes
             * @example repair
             */
            code: string;
            items: components["schemas"]["CatalogueItemDto"][];
            label: components["schemas"]["CatalogueLabelDto"];
        };
        CatalogueSectionViewDto: {
            active: boolean;
            /** @example repair */
            code: string;
            items: components["schemas"]["CatalogueItemViewDto"][];
            label: components["schemas"]["CatalogueLabelDto"];
        };
        CatalogueViewDto: {
            sections: components["schemas"]["CatalogueSectionViewDto"][];
            /**
             * @description also the ETag; send it back as If-Match when editing
             * @example 3
             */
            version: number;
        };
        ChangeNoticeList: {
            /** @description newest first */
            items: components["schemas"]["ChangeNoticeView"][];
        };
        ChangeNoticeView: {
            department: string;
            description: string;
            /**
             * Format: date-time
             * @description the flagged answers are reviewed by then: 3 working days by the business calendar
             */
            dueAt: string;
            /** Format: date-time */
            filedAt: string;
            filedBy: string;
            /** Format: uuid */
            id: string;
            itemCodes: string[];
            /** @enum {string} */
            kind: "fees" | "policies" | "activities" | "other";
            projects: string[] | null;
            /** @description the answers flagged for review, still open */
            reviews: components["schemas"]["ReviewView"][];
            title: string;
        };
        ClockViewDto: {
            /** Format: date-time */
            breachedAt?: string;
            calendarId: string;
            /** @description true, and present only, when the clock’s calendar was stored before the limits it now breaks and cannot be counted by until an admin corrects it (`PUT /v1/calendars/{id}`, `CALENDAR.NEEDS_CORRECTION`): the clock is shown as last planned — `dueAt` the deadline its breach timer was last planned at (a clock stopped or paused without one shows the moment it stopped, or now), its minutes in calendar time, its state from its stored moments. A running clock never planned is held — opened while its calendar could not count (this or `CALENDAR.NO_WORKING_TIME`) — and shows no `dueAt` nor `remainingMinutes` until the correction plans it, counted from the opening */
            calendarNeedsCorrection?: boolean;
            /**
             * Format: date-time
             * @description absent only while the clock is held: its calendar could not count it when the ticket opened, and no deadline is planned until the calendar is corrected (then counted from the opening)
             */
            dueAt?: string;
            /** @description in the clock’s basis (working minutes for working targets), pauses excluded */
            elapsedMinutes: number;
            extensions: number;
            /** @enum {string} */
            kind: "first_response" | "dispatch" | "on_site" | "resolution";
            /** Format: date-time */
            metAt?: string;
            pausedMinutes: number;
            /** @description negative when overdue; absent while the clock is held, as `dueAt` is */
            remainingMinutes?: number;
            /** Format: date-time */
            startedAt: string;
            /** @enum {string} */
            state: "running" | "paused" | "met" | "breached";
            target: components["schemas"]["SlaDurationDto"];
        };
        ComparedFiguresView: {
            /** @description current − previous */
            change: components["schemas"]["KpiChangeView"];
            /** @description this month */
            current: components["schemas"]["KpiFiguresView"];
            /** @description the month before */
            previous: components["schemas"]["KpiFiguresView"];
        };
        ComparedGroupView: {
            /** @description current − previous */
            change: components["schemas"]["KpiChangeView"];
            /** @description this month */
            current: components["schemas"]["KpiFiguresView"];
            /** @example complaint */
            key: string;
            /** @description the month before */
            previous: components["schemas"]["KpiFiguresView"];
        };
        ContactCustomerDto: {
            /**
             * @description a code naming the place, shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 CONTACT.PERSONAL_DATA naming it
             * @example 3
             */
            building?: string | null;
            /**
             * Format: email
             * @example zhangsan@example.com
             */
            email?: string | null;
            /** @example 张三 */
            name?: string | null;
            /**
             * @description any common format; normalised to +86…
             * @example 138 1234 5678
             */
            phone?: string | null;
            /** @example P001 */
            projectCode?: string | null;
            /** @enum {string|null} */
            relation?: "owner" | "tenant" | "family" | "other" | null;
            /**
             * @description a code naming the place, shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 CONTACT.PERSONAL_DATA naming it
             * @example 1202
             */
            room?: string | null;
        };
        ContactPageDto: {
            items: components["schemas"]["ContactViewDto"][];
            /** @description pass as `cursor` for the next (older) page */
            nextCursor?: string;
        };
        ContactUnitDto: {
            /** @example 3 */
            building?: string;
            /** @example P001 */
            projectCode?: string;
            /** @example 1202 */
            room?: string;
        };
        ContactViewDto: {
            /** @description unless `masked` is false, phones, e-mails and ID numbers are masked in each name as in content, and in each uri’s user, host, folders, file name, query and fragment, `\` separating its parts as `/` does, its password three stars (its scheme as stored; ADR 0162) */
            attachments: components["schemas"]["AttachmentDto"][];
            /** @enum {string} */
            channel: "phone" | "email" | "sms" | "wechat" | "qq" | "walk_in" | "web_chat" | "social" | "letter";
            /**
             * @description what the customer said; phones, e-mails and ID numbers masked unless `masked` is false; absent once the customer was erased
             * @example 3栋电梯停在12楼不动了，回电138****5678
             */
            content?: string;
            /** Format: uuid */
            customerId: string;
            /** @enum {string} */
            direction: "inbound" | "outbound";
            /** @description the customer’s personal data, this content included, was erased on request */
            erased: boolean;
            /** Format: uuid */
            id: string;
            /** @example repair.public_area */
            itemCode?: string;
            /** @description false only for a holder of `customer.pii.read` who sent `X-Access-Purpose` (the read is logged) */
            masked: boolean;
            /**
             * Format: date-time
             * @example 2026-11-24T01:30:00.000Z
             */
            occurredAt: string;
            /**
             * @description the agent’s user id, or `gateway:<channel>`
             * @example agent-7
             */
            recordedBy: string;
            /** @enum {string} */
            route: "new_matter" | "follow_up";
            /**
             * Format: uuid
             * @description the ticket of the matter (GET /v1/tickets/{id} on the tickets service)
             */
            ticketId?: string;
            unit: components["schemas"]["ContactUnitDto"];
        };
        CreateAnswerDto: {
            /**
             * @description markdown
             * @example 您好，物业费可通过物业服务中心前台、微信公众号或银行代扣缴纳。
             */
            body: string;
            /**
             * Format: date-time
             * @example 2026-01-01T00:00:00+08:00
             */
            effectiveFrom?: string | null;
            /**
             * Format: date-time
             * @example 2026-12-31T23:59:59+08:00
             */
            effectiveTo?: string | null;
            /** @example consultation.property_service */
            itemCode?: string | null;
            /**
             * @description the projects the answer is for; null or absent: every project
             * @example [
             *       "P001"
             *     ]
             */
            projects?: string[] | null;
            /**
             * @description how customers ask it
             * @example [
             *       "物业费怎么交",
             *       "可以微信交管理费吗"
             *     ]
             */
            questions: string[];
            /**
             * Format: date
             * @description 复核日期: after it the answer is flagged for review
             * @example 2027-06-30
             */
            reviewBy?: string | null;
            /**
             * @description the catalogue section; a code shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 ANSWER.PERSONAL_DATA naming it
             * @example consultation
             */
            sectionCode?: string | null;
            /**
             * @description the department whose opinion the answer states; a code shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 ANSWER.PERSONAL_DATA naming it
             * @example property_management
             */
            sourceDepartment?: string | null;
            /**
             * @description an empty list clears them; a code shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 ANSWER.PERSONAL_DATA (e.g. `tags[2]`) naming it
             * @example [
             *       "物业费",
             *       "缴费"
             *     ]
             */
            tags?: string[];
            /** @example 物业费的缴纳方式 */
            title: string;
        };
        CreatedWebhookSubscriptionView: {
            /** @example true */
            active: boolean;
            /**
             * Format: date-time
             * @example 2026-10-01T01:00:00.000Z
             */
            createdAt: string;
            /** @example admin-1 */
            createdBy: string;
            /**
             * @example [
             *       "major_complaint",
             *       "sla_breached"
             *     ]
             */
            eventTypes: ("major_complaint" | "escalated" | "sla_warning" | "sla_breached" | "incident_escalated" | "incident_sla_warning" | "incident_sla_breached" | "callback_questionnaire" | "report_generated" | "incident_update")[];
            /**
             * Format: uuid
             * @example 9a7c1d2e-5b3f-4e6a-8c0d-1f2e3a4b5c6d
             */
            id: string;
            /** @example 企业微信 · 领导群 */
            name: string;
            /** @example P001 */
            projectCode?: string;
            /**
             * @description signs every delivery (`X-CS-Signature`); shown only in this answer, so store it now
             * @example whsec_3q2-7wVh0bX9kQy6tN1uR4mE8sJ5cL0aZ2dF7gH9iK1
             */
            secret: string;
            /**
             * Format: date-time
             * @example 2026-10-01T01:00:00.000Z
             */
            updatedAt: string;
            /**
             * Format: uri
             * @example https://gateway.example.com/cs/notifications
             */
            url: string;
        };
        CreateWebhookSubscriptionDto: {
            /**
             * @description staff alerts about a ticket (major_complaint, escalated, sla_warning, sla_breached) or an incident, 群发事件 (incident_escalated, incident_sla_warning, incident_sla_breached: the body names `incident`, not `ticket`), or outbound messages: callback_questionnaire (a customer’s questionnaire link, for an SMS / e-mail gateway), incident_update (an incident’s progress, once per customer who called about it, for an SMS / WeChat gateway) and report_generated (月报/周报)
             * @example [
             *       "major_complaint",
             *       "sla_breached"
             *     ]
             */
            eventTypes: ("major_complaint" | "escalated" | "sla_warning" | "sla_breached" | "incident_escalated" | "incident_sla_warning" | "incident_sla_breached" | "callback_questionnaire" | "report_generated" | "incident_update")[];
            /** @example 企业微信 · 领导群 */
            name: string;
            /**
             * @description only this project’s notifications and questionnaire links; without it, every project’s, and the company-wide reports (admins serving every project only)
             * @example P001
             */
            projectCode?: string | null;
            /**
             * Format: uri
             * @description receives a signed POST per notification. 422 for a URL this deployment cannot deliver to: plain http in production (WEBHOOK_SUBSCRIPTION.HTTPS_REQUIRED), or a port outside those its network opens (WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE; 443 in the shipped k8s manifests), or a host given as a private, loopback or link-local address outside the networks the deployment allows (WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED), or a user name or password in the URL (WEBHOOK_SUBSCRIPTION.CREDENTIALS_IN_URL). A host name resolving only to such addresses is refused at each attempt, the delivery failing with "address not allowed"
             * @example https://gateway.example.com/cs/notifications
             */
            url: string;
        };
        CustomerListDto: {
            items: components["schemas"]["CustomerViewDto"][];
        };
        CustomerMergeDto: {
            /** Format: date-time */
            mergedAt: string;
            /** @description user id (sub) of who merged them */
            mergedBy: string;
            /**
             * Format: uuid
             * @description the duplicate folded into this customer
             */
            mergedId: string;
            /** @example 同一业主两个号码 */
            reason: string;
        };
        CustomerMergeListDto: {
            items: components["schemas"]["CustomerMergeDto"][];
        };
        CustomerViewDto: {
            address?: string;
            /**
             * @description YYYY-MM-DD; masked without customer.pii.read
             * @example ****-**-**
             */
            birthDate?: string;
            email?: string;
            erased: boolean;
            /** Format: uuid */
            id: string;
            /** @description true unless the caller holds customer.pii.read */
            masked: boolean;
            /** Format: uuid */
            mergedInto?: string;
            /** @example 张* */
            name: string;
            /**
             * @example [
             *       "138****5678"
             *     ]
             */
            phones: string[];
            purchase?: components["schemas"]["PurchaseDto"];
            tags: string[];
            units: components["schemas"]["UnitDto"][];
        };
        DeclareIncidentDto: {
            /**
             * @description where in the project, when no building says it
             * @example 地下车库
             */
            area?: string | null;
            /**
             * @description 楼栋: new contacts from this building about the item are offered to join
             * @example 3
             */
            building?: string | null;
            /**
             * @description public; personal data is redacted
             * @example 3栋1号电梯停在12楼，已通知维保单位，请业主暂时使用2号电梯
             */
            description: string;
            /**
             * @description a catalogue item agents may pick (422 INCIDENT.UNKNOWN_ITEM otherwise)
             * @example repair.public_area
             */
            itemCode: string;
            /**
             * @default high
             * @enum {string|null}
             */
            priority?: "low" | "normal" | "high" | "urgent" | null;
            /** @example P001 */
            projectCode: string;
            /**
             * @description public: agents read it to callers and customers receive it
             * @example 3栋1号电梯停运
             */
            title: string;
        };
        DemandView: {
            /**
             * Format: uuid
             * @description the contact that opened the ticket; the full text is read from intake at `GET /v1/contacts/{contactId}` (personal data masked unless `customer.pii.read` and `X-Access-Purpose`)
             */
            firstContactId: string;
            /**
             * @description 诉求 — the first 200 characters of what the customer said, personal data redacted
             * @example 3栋电梯停在12楼不动了
             */
            summary: string;
        };
        DeskCallbackDto: {
            /** Format: uuid */
            callbackId: string;
            /**
             * @description personal data redacted
             * @example 维修及时
             */
            comment?: string;
            /** Format: date-time */
            completedAt: string;
            /** @example agent-7 */
            completedBy: string;
            satisfied: boolean;
            score?: number;
            /** Format: uuid */
            ticketId: string;
        };
        DeskTicketDto: {
            /** @example repair.public_area */
            itemCode?: string;
            /**
             * Format: date-time
             * @description the earliest deadline of the SLA clocks still running
             */
            nextDueAt?: string;
            /**
             * @description absent until the tickets service has opened the ticket
             * @example TK-20261124-000123
             */
            number?: string;
            /** Format: date-time */
            openedAt: string;
            /** @example P001 */
            projectCode?: string;
            /**
             * @description at_risk once a warning threshold passed; breached once a deadline was missed
             * @enum {string}
             */
            slaState: "on_track" | "at_risk" | "breached";
            /** @enum {string} */
            status: "new" | "dispatched" | "in_progress" | "awaiting_customer" | "resolved" | "closed";
            /** Format: uuid */
            ticketId: string;
        };
        DispatchDto: {
            /**
             * @description a code, kept as given: one holding a phone number, e-mail address or ID number is 422 TICKET.PERSONAL_DATA naming `department` (an incident’s dispatch: INCIDENT.PERSONAL_DATA)
             * @example engineering
             */
            department: string;
            /**
             * @description the handler’s user id, as the identity provider gives it
             * @example handler-12
             */
            handler?: string | null;
        };
        DraftFromGapDto: {
            /** @description markdown; default: a placeholder to fill in */
            body?: string | null;
            /** @description default: the question as asked */
            title?: string | null;
        };
        DraftFromReplyDto: {
            /** @description the invalid complaint whose approved reply becomes the draft */
            ticketId: string;
            /** @description default: the customer’s demand, shortened */
            title?: string | null;
        };
        DurationDto: {
            /** @example 2 */
            amount: number;
            /** @enum {string} */
            basis: "working" | "calendar";
            /** @description minutes or hours: never later than the close of the working day it starts (of the next working day when it starts off work); pauses and extensions still move it */
            byCloseOfDay?: boolean | null;
            /** @enum {string} */
            unit: "minutes" | "hours" | "days";
        };
        EraseCustomerDto: {
            /** @example 客户依《个人信息保护法》申请删除 */
            reason: string;
        };
        EscalationDto: {
            /**
             * @description 1 supervisor / leaders, 2 manager; default the next level
             * @enum {number|null}
             */
            level?: 1 | 2 | null;
            note?: string | null;
        };
        EscalationView: {
            /** @description first-contact owner */
            agent: string;
            itemCode: string | null;
            /** @description highest escalation level; 0 for a major complaint not escalated */
            level: number;
            majorComplaint: boolean;
            /** @example TK-20261102-000123 */
            number: string;
            /** Format: date-time */
            openedAt: string;
            projectCode: string | null;
            resolved: boolean;
            /** Format: uuid */
            ticketId: string;
        };
        ExtensionDto: {
            /**
             * @default resolution
             * @enum {string|null}
             */
            clock?: "first_response" | "dispatch" | "on_site" | "resolution" | null;
            /**
             * Format: date-time
             * @example 2026-11-24T10:00:00+08:00
             */
            customerInformedAt: string;
            /** @description Supervisors and admins only (403 otherwise): approve a first reply later than its cap. Without it such a request is refused 422 TICKET.CAP_EXCEEDED; it never allows a first reply after the resolution deadline. */
            exception?: components["schemas"]["CapExceptionDto"] | null;
            /** @example 需等待厂家配件 */
            reason: string;
            workingDays?: number;
            workingHours?: number;
            workingMinutes?: number;
        } & (unknown | unknown | unknown);
        FeedbackDto: {
            /** Format: uuid */
            answerId: string;
            /**
             * @description used: read to a customer, counted each time; helped / not_helped: whether it answered the question, one verdict per user and version (a second replaces the first)
             * @enum {string}
             */
            outcome: "used" | "helped" | "not_helped";
            version: number;
        };
        FieldChangeView: {
            /** @description null: absent */
            after: (string | string[]) | null;
            /** @description null: absent */
            before: (string | string[]) | null;
            /** @enum {string} */
            field: "title" | "questions" | "body" | "sectionCode" | "itemCode" | "tags" | "projects" | "effectiveFrom" | "effectiveTo" | "sourceDepartment" | "reviewBy";
        };
        FileChangeNoticeDto: {
            /**
             * @description the department the change comes from; a code shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 CHANGE_NOTICE.PERSONAL_DATA naming it
             * @example finance
             */
            department: string;
            /** @example 住宅物业费自2027年1月1日起调整为每月每平方米3.0元 */
            description: string;
            /**
             * @example [
             *       "consultation.property_service"
             *     ]
             */
            itemCodes: string[];
            /** @enum {string} */
            kind: "fees" | "policies" | "activities" | "other";
            /**
             * @description null or absent: every project
             * @example [
             *       "P001"
             *     ]
             */
            projects?: string[] | null;
            /** @example 2027年起物业费调整 */
            title: string;
        };
        FollowedTicketView: {
            itemCode?: string;
            number: string;
            /** Format: date-time */
            openedAt: string;
            projectCode?: string;
            /** @enum {string} */
            status: "new" | "dispatched" | "in_progress" | "awaiting_customer" | "resolved" | "closed";
            /** Format: uuid */
            ticketId: string;
        };
        FollowUpView: {
            /** Format: date-time */
            at: string;
            /** @enum {string} */
            deadline: "callback" | "rectification";
            /** @enum {string} */
            state: "pending" | "overdue" | "settled";
        };
        GapDraftView: {
            answer: components["schemas"]["AnswerView"];
            gap: components["schemas"]["GapView"];
        };
        GapList: {
            /** @description most asked first */
            items: components["schemas"]["GapView"][];
        };
        GapView: {
            /** Format: uuid */
            draftAnswerId?: string;
            /** @description projects whose share a supervisor serving only some drafted apart, as a gap of its own; the gap is open for its other projects */
            draftedApart?: string[];
            /** Format: uuid */
            id: string;
            itemCode?: string;
            /** Format: date-time */
            lastSeenAt: string;
            /** @description how many times it was asked in similar words */
            occurrences: number;
            /** Format: date-time */
            openedAt: string;
            /** @description the project it was asked in, when one */
            projectCode?: string;
            /** @description the projects it was asked in (a search by someone serving several, naming none); absent: every project */
            projects?: string[];
            /** @description how it was first asked, personal data redacted */
            sample: string;
            /** @enum {string} */
            source: "consultation" | "search";
            /** @enum {string} */
            status: "open" | "drafted";
            /** @description how many tickets asked it, those no longer listed included */
            ticketCount: number;
            /** @description the latest 100 tickets that asked it, oldest first */
            ticketIds: string[];
        };
        HeldCallbacksView: {
            /** @description the longest held first */
            items: components["schemas"]["HeldCallbackView"][];
            /** @description present when more follow: pass as `cursor` for the next page */
            nextCursor?: string;
        };
        HeldCallbackView: {
            /** @description absent: the project’s pool will do it */
            assignee?: string;
            /**
             * @description the calendar its due time is counted by
             * @example default
             */
            calendarId: string;
            /** @description the version of the calendar that refused to count it; a newer one is tried */
            calendarVersion: number;
            /**
             * Format: uuid
             * @description the id the callback will have once scheduled
             */
            callbackId: string;
            /** Format: uuid */
            customerId: string;
            /** @description working days after `owedFrom` it is due */
            dueWorkingDays: number;
            /**
             * Format: date-time
             * @description when it was first held, by the time of the event that held it (the resolution or the birthday, usually owedFrom); the list is in this order
             */
            heldAt: string;
            itemCode?: string;
            /** @enum {string} */
            kind: "ticket" | "key_customer" | "care";
            /** @enum {string} */
            method: "phone" | "sms" | "email" | "questionnaire";
            /**
             * Format: date-time
             * @description when it was owed (the resolution or the birthday), which its due time is counted from
             */
            owedFrom: string;
            /**
             * Format: uuid
             * @description the plan that owes it (a greeting)
             */
            planId?: string;
            policyId?: string;
            projectCode?: string;
            /**
             * @description why the calendar refused
             * @enum {string}
             */
            refusal: "CALENDAR.NO_WORKING_TIME" | "CALENDAR.NEEDS_CORRECTION";
            sectionCode?: string;
            /**
             * Format: uuid
             * @description the resolved ticket that owes it
             */
            ticketId?: string;
        };
        /**
         * @description a request as asked (`dispatch`, `reply`…), a handling step as the event it caused (`suggestion_evaluated`…), or what the system did (`created`, `follow_up`, `sla_timers`, `deadlines_recomputed`, `opinion_overdue`). While a newer release rolls out, a replica of the one before may show an action the newer one added: show it as it is
         * @enum {string}
         */
        HistoryAction: "created" | "follow_up" | "decide_validity" | "dispatch" | "reply" | "arrive" | "pause" | "resume" | "resolve" | "close" | "reopen" | "escalate" | "extend" | "promise" | "amend_record" | "suggestion_evaluated" | "suggestion_forwarded" | "suggestion_implementation_recorded" | "suggestion_rewarded" | "opinion_requested" | "opinion_recorded" | "reply_approved" | "opinion_overdue" | "sla_timers" | "deadlines_recomputed" | "join_incident" | "merge" | "merged_into";
        HistoryEntryView: {
            /** @description a request as asked (`dispatch`, `reply`…), a handling step as the event it caused (`suggestion_evaluated`…), or what the system did (`created`, `follow_up`, `sla_timers`, `deadlines_recomputed`, `opinion_overdue`). While a newer release rolls out, a replica of the one before may show an action the newer one added: show it as it is */
            action: components["schemas"]["HistoryAction"];
            /** @description user id, or `system` for timers and events */
            actor: string;
            /** Format: date-time */
            at: string;
            /**
             * @example {
             *       "department": "engineering"
             *     }
             */
            details: {
                [key: string]: unknown;
            };
        };
        HolidayDto: {
            /**
             * Format: date
             * @example 2026-10-01
             */
            date: string;
            /** @example 国庆节 */
            name: string;
        };
        InboundMessageDto: {
            attachments?: components["schemas"]["AttachmentDto"][] | null;
            /** @example 3栋电梯停在12楼不动了 */
            content: string;
            customer: components["schemas"]["ContactCustomerDto"];
            /**
             * @description catalogue item code <section>.<item>, of an active item: one added is accepted once intake has it, one withdrawn is refused from at most 10 s after intake learns of it (ADR 0188)
             * @example repair.public_area
             */
            itemCode?: string | null;
            /**
             * @description the gateway’s message id; a second delivery of it is refused
             * @example sms-20261124-000042
             */
            messageId: string;
            /**
             * Format: date-time
             * @description when it happened (now when absent): at most 5 minutes ahead of the server, and at most 90 days back (422 naming occurredAt)
             * @example 2026-11-24T09:30:00+08:00
             */
            occurredAt?: string | null;
            /**
             * Format: uuid
             * @description the ticket this contact is about (催办/查询)
             */
            ticketId?: string | null;
        };
        IncidentChildrenView: {
            items: components["schemas"]["IncidentChildView"][];
        };
        IncidentChildView: {
            /** @example 3 */
            building?: string;
            /** Format: date-time */
            createdAt: string;
            /** Format: uuid */
            customerId: string;
            /** @example 张* */
            customerName: string;
            /** @example repair.public_area */
            itemCode?: string;
            /** @example TK-20261124-000123 */
            number: string;
            /** @example 1202 */
            room?: string;
            /** @enum {string} */
            status: "new" | "dispatched" | "in_progress" | "awaiting_customer" | "resolved" | "closed";
            /** Format: uuid */
            ticketId: string;
        };
        /** @enum {string} */
        IncidentHistoryAction: "declare" | "dispatch" | "post_update" | "link_tickets" | "resolve" | "resolve_children" | "fire_sla_timers";
        IncidentHistoryEntryView: {
            action: components["schemas"]["IncidentHistoryAction"];
            /** @description user id, or "system" for its SLA timers */
            actor: string;
            /** Format: date-time */
            at: string;
            /**
             * @example {
             *       "department": "engineering"
             *     }
             */
            details: {
                [key: string]: unknown;
            };
        };
        IncidentNoticeView: {
            /** Format: date-time */
            at: string;
            /** Format: date-time */
            expectedRestoreAt?: string;
            /** @example 维保单位已到场，预计 16:00 恢复 */
            message: string;
        };
        IncidentPage: {
            items: components["schemas"]["IncidentView"][];
            /** @description pass as `cursor` for the next page */
            nextCursor?: string;
        };
        IncidentRefView: {
            /**
             * Format: uuid
             * @example 4e2a9c1b-7d3f-4b6e-8a05-9c1d2e3f4a5b
             */
            id: string;
            /** @example repair.public_area */
            itemCode: string;
            /** @example INC-20261124-0007 */
            number: string;
            /** @example P001 */
            projectCode: string;
            /**
             * @description the incident’s status when the event happened
             * @example open
             * @enum {string}
             */
            status: "open" | "resolved";
        };
        IncidentSuggestionView: {
            /** @example 3 */
            building?: string;
            /** @description callers already joined */
            childCount: number;
            /** Format: date-time */
            declaredAt: string;
            /** Format: uuid */
            id: string;
            /** @description what its customers were last told */
            latestUpdate?: components["schemas"]["IncidentNoticeView"];
            /** @example INC-20261130-0001 */
            number: string;
            /** @example 3栋1号电梯停运 */
            title: string;
        };
        IncidentSummaryView: {
            /** @description whether one of its SLA clocks missed its deadline; null while open */
            breached: boolean | null;
            /** @example 3 */
            building: string | null;
            /** @description tickets joined to it: the customers who called about it */
            children: number;
            /** Format: date-time */
            declaredAt: string;
            /** @example engineering */
            department: string | null;
            /** @description elapsed minutes from declaration to resolution; null while open */
            durationMinutes: number | null;
            /** Format: uuid */
            incidentId: string;
            /** @example repair.public_area */
            itemCode: string;
            /** @example INC-20261105-0001 */
            number: string;
            /** @example P001 */
            projectCode: string;
            /** Format: date-time */
            resolvedAt: string | null;
            /** @example 3栋1号电梯停运 */
            title: string;
        };
        IncidentUpdateDto: {
            /**
             * Format: date-time
             * @description in the future (422 INCIDENT.RESTORE_IN_PAST)
             * @example 2026-11-24T16:00:00+08:00
             */
            expectedRestoreAt?: string | null;
            /**
             * @description sent to every child’s customer once; personal data is redacted
             * @example 维保单位已到场，预计 16:00 恢复
             */
            message: string;
        };
        IncidentUpdateView: {
            /** Format: date-time */
            at: string;
            by: string;
            /** Format: date-time */
            expectedRestoreAt?: string;
            /** Format: uuid */
            id: string;
            /** @example 维保单位已到场，预计 16:00 恢复 */
            message: string;
            /**
             * @description customers it was sent to, one per customer
             * @example 20
             */
            recipients: number;
            /** @example 1 */
            sequence: number;
        };
        IncidentView: {
            /** @example 地下车库 */
            area?: string;
            /** @description once resolved: whether a clock missed its deadline */
            breached?: boolean;
            /** @example 3 */
            building?: string;
            /**
             * @description present when a clock is timed by a calendar stored before the limits it now breaks (more than 8 working intervals a day, a holiday or 调休 name over 100 characters) or stored without working time: those calendars, to be corrected with `PUT /v1/calendars/{id}`; until then such clocks are shown as last planned (their `calendarNeedsCorrection`), and a change that needs their calendar is refused 422 `CALENDAR.NEEDS_CORRECTION` or `CALENDAR.NO_WORKING_TIME`
             * @example [
             *       "harbour"
             *     ]
             */
            calendarsNeedingCorrection?: string[];
            /**
             * @description tickets linked to it
             * @example 20
             */
            childCount: number;
            /** @description children still being handed the resolution (in GET /v1/incidents/{id}) */
            childrenOwedResolution?: number;
            /**
             * Format: date-time
             * @description when the open children were handed the resolution
             */
            childrenResolvedAt?: string;
            /** @description first response (met by the first update), dispatch and resolution, as the policy sets them */
            clocks: components["schemas"]["ClockViewDto"][];
            /** Format: date-time */
            declaredAt: string;
            /** @description the supervisor who declared it */
            declaredBy: string;
            /** @example engineering */
            department?: string;
            /** @example 3栋1号电梯停在12楼，已通知维保单位 */
            description: string;
            /** Format: date-time */
            dispatchedAt?: string;
            /**
             * @description raised by its SLA timers: 0 none, 1 the supervisors (a breach), 2 the manager (a breach left open)
             * @enum {number}
             */
            escalationLevel: 0 | 1 | 2;
            handler?: string;
            /** @description who did what when (in GET /v1/incidents/{id}) */
            history?: components["schemas"]["IncidentHistoryEntryView"][];
            /** Format: uuid */
            id: string;
            /** @example repair.public_area */
            itemCode: string;
            /** Format: date-time */
            lastUpdateAt?: string;
            /** @description the last update, what an agent tells the next caller (in GET /v1/incidents) */
            latestUpdate?: components["schemas"]["IncidentUpdateView"];
            /** @example INC-20261124-0007 */
            number: string;
            /** @description children still open (in GET /v1/incidents/{id}) */
            openChildren?: number;
            /** @description the SLA policy timing it */
            policyId?: string;
            /** @enum {string} */
            priority: "low" | "normal" | "high" | "urgent";
            /** @example P001 */
            projectCode: string;
            resolution?: string;
            /** Format: date-time */
            resolvedAt?: string;
            resolvedBy?: string;
            /** @example repair */
            sectionCode: string;
            /** @enum {string} */
            status: "open" | "resolved";
            /** @example 3栋1号电梯停运 */
            title: string;
            /** @example 1 */
            updateCount: number;
            /** @description what the customers were told, in order (in GET /v1/incidents/{id}) */
            updates?: components["schemas"]["IncidentUpdateView"][];
            version: number;
        };
        ItemDemandList: {
            items: components["schemas"]["ItemDemandView"][];
        };
        ItemDemandView: {
            /** @example consultation.property_service */
            itemCode: string;
            /** Format: date-time */
            lastSeenAt: string;
            tickets: number;
        };
        KnowledgeSuggestionView: {
            /** Format: uuid */
            answerId: string;
            itemCode?: string;
            /** @description relevance; higher is better */
            score: number;
            /** @description with text: a passage, matches in <mark> */
            snippet?: string;
            title: string;
            /** @description the version in force, which a reply cites */
            version: number;
        };
        KpiChangeView: {
            /** @description change of: spot checks passed / spot checks made in the period (解答准确率, as quality judged the agents’ answers); by agent and project, else the total only; null when either month is undefined */
            answerAccuracyRate: number | null;
            /** @description change of: completed callbacks / callbacks due in the period, cancelled ones excepted; null when either month is undefined */
            callbackCompletionRate: number | null;
            /** @description change of: callbacks completed no later than their due time / completed callbacks; null when either month is undefined */
            callbackOnTimeRate: number | null;
            /** @description change of: of those, closed and not reopened since; null when either month is undefined */
            closed: number | null;
            /** @description change of: of those, dispatched to a department at least once; null when either month is undefined */
            dispatched: number | null;
            /** @description change of: dispatched within the dispatch clock / dispatched under a dispatch clock or whose dispatch clock ran out (报修、投诉的转发是否及时), over tickets and incidents declared; a ticket or incident with no dispatch clock, a child an incident stands for and routine work a schedule opened count in neither; null when either month is undefined */
            dispatchOnTimeRate: number | null;
            /** @description change of: tickets received not joined to an incident, plus incidents declared: each fault counted once; null when either month is undefined */
            distinctMatters: number | null;
            /** @description change of: of those, escalated at least once; null when either month is undefined */
            escalated: number | null;
            /** @description change of: extensions of the promised time granted on those tickets (each extension counts); null when either month is undefined */
            extensions: number | null;
            firstResponseMinutes: components["schemas"]["PercentilesView"];
            /** @description change of: tickets first replied to (or resolved before any reply) with no first-response breach / tickets first replied to or resolved, or whose first-response clock breached; null when either month is undefined */
            firstResponseOnTimeRate: number | null;
            /** @description change of: of the tickets received, those joined to an incident: one fault, many callers; null when either month is undefined */
            incidentChildren: number | null;
            /** @description change of: incidents (群发事件) declared in the period; null when either month is undefined */
            incidents: number | null;
            /** @description change of: of those, judged invalid (a judgement a reopening withdrew counts in none of valid, invalid, outOfScope until judged again or dispatched); null when either month is undefined */
            invalid: number | null;
            /** @description change of: tickets answered with a unified answer (统一答复) / tickets given a reply or an explanation; null when either month is undefined */
            knowledgeAnswerUsageRate: number | null;
            /** @description change of: of those, graded major on receipt or escalated as a major complaint; null when either month is undefined */
            majorComplaints: number | null;
            /** @description change of: handler on site (上门) within the on-site clock / arrived under an on-site clock or whose on-site clock ran out, over tickets; a ticket with no on-site clock and a child an incident stands for count in neither; null when either month is undefined */
            onSiteOnTimeRate: number | null;
            /** @description change of: of those, judged out of scope (redirected; a judgement a reopening withdrew counts in none until judged again or dispatched); null when either month is undefined */
            outOfScope: number | null;
            /** @description change of: tickets opened in the period; null when either month is undefined */
            received: number | null;
            /** @description change of: closed tickets whose record held all it should when closed / closed tickets (处理记录是否完整: item, project; the building and room its catalogue item asks for; for a repair or complaint its validity and, when valid, the department; for a suggestion its evaluation), over tickets closed by a release that judged it; null when either month is undefined */
            recordCompletenessRate: number | null;
            /** @description change of: of those, reopened at least once; null when either month is undefined */
            reopened: number | null;
            /** @description change of: reopened / tickets ever resolved; null when either month is undefined */
            reopenRate: number | null;
            resolutionMinutes: components["schemas"]["PercentilesView"];
            /** @description change of: resolved with no resolution breach / resolved or whose resolution clock breached, over tickets not joined to an incident and incidents declared (an incident stands for its children); null when either month is undefined */
            resolutionOnTimeRate: number | null;
            /** @description change of: resolved / received; null when either month is undefined */
            resolutionRate: number | null;
            /** @description change of: of those, resolved or closed and not reopened since; null when either month is undefined */
            resolved: number | null;
            /** @description change of: completed callbacks with the customer satisfied (非常满意 or 满意) / completed callbacks with a verdict (a care call may record none); null when either month is undefined */
            satisfactionRate: number | null;
            /** @description change of: of those, judged valid (latest validity decision; a dispatch of a repair or complaint still pending, new or reopened, is its valid decision, and so is an earlier dispatch of a matter reclassified a repair or complaint, from the amendment on); null when either month is undefined */
            valid: number | null;
        };
        KpiFiguresView: {
            /** @description spot checks passed / spot checks made in the period (解答准确率, as quality judged the agents’ answers); by agent and project, else the total only; a fraction 0..1, null when the denominator is 0 */
            answerAccuracyRate: number | null;
            /** @description completed callbacks / callbacks due in the period, cancelled ones excepted; a fraction 0..1, null when the denominator is 0 */
            callbackCompletionRate: number | null;
            /** @description callbacks completed no later than their due time / completed callbacks; a fraction 0..1, null when the denominator is 0 */
            callbackOnTimeRate: number | null;
            /** @description of those, closed and not reopened since */
            closed: number;
            /** @description of those, dispatched to a department at least once */
            dispatched: number;
            /** @description dispatched within the dispatch clock / dispatched under a dispatch clock or whose dispatch clock ran out (报修、投诉的转发是否及时), over tickets and incidents declared; a ticket or incident with no dispatch clock, a child an incident stands for and routine work a schedule opened count in neither; a fraction 0..1, null when the denominator is 0 */
            dispatchOnTimeRate: number | null;
            /** @description tickets received not joined to an incident, plus incidents declared: each fault counted once */
            distinctMatters: number;
            /** @description of those, escalated at least once */
            escalated: number;
            /** @description extensions of the promised time granted on those tickets (each extension counts) */
            extensions: number;
            /** @description working minutes from opening to the first reply, or the resolution when it came first, over tickets replied to or resolved: p50 and p90 by nearest rank, read from 2 %-wide bins (the mean of the bin holding the rank: exact when it holds one value, else within 2 %) */
            firstResponseMinutes: components["schemas"]["PercentilesView"];
            /** @description tickets first replied to (or resolved before any reply) with no first-response breach / tickets first replied to or resolved, or whose first-response clock breached; a fraction 0..1, null when the denominator is 0 */
            firstResponseOnTimeRate: number | null;
            /** @description of the tickets received, those joined to an incident: one fault, many callers */
            incidentChildren: number;
            /** @description incidents (群发事件) declared in the period */
            incidents: number;
            /** @description of those, judged invalid (a judgement a reopening withdrew counts in none of valid, invalid, outOfScope until judged again or dispatched) */
            invalid: number;
            /** @description tickets answered with a unified answer (统一答复) / tickets given a reply or an explanation; a fraction 0..1, null when the denominator is 0 */
            knowledgeAnswerUsageRate: number | null;
            /** @description of those, graded major on receipt or escalated as a major complaint */
            majorComplaints: number;
            /** @description handler on site (上门) within the on-site clock / arrived under an on-site clock or whose on-site clock ran out, over tickets; a ticket with no on-site clock and a child an incident stands for count in neither; a fraction 0..1, null when the denominator is 0 */
            onSiteOnTimeRate: number | null;
            /** @description of those, judged out of scope (redirected; a judgement a reopening withdrew counts in none until judged again or dispatched) */
            outOfScope: number;
            /** @description tickets opened in the period */
            received: number;
            /** @description closed tickets whose record held all it should when closed / closed tickets (处理记录是否完整: item, project; the building and room its catalogue item asks for; for a repair or complaint its validity and, when valid, the department; for a suggestion its evaluation), over tickets closed by a release that judged it; a fraction 0..1, null when the denominator is 0 */
            recordCompletenessRate: number | null;
            /** @description of those, reopened at least once */
            reopened: number;
            /** @description reopened / tickets ever resolved; a fraction 0..1, null when the denominator is 0 */
            reopenRate: number | null;
            /** @description working minutes from opening to the latest resolution, over resolved tickets: p50 and p90 by nearest rank, read from 2 %-wide bins (the mean of the bin holding the rank: exact when it holds one value, else within 2 %) */
            resolutionMinutes: components["schemas"]["PercentilesView"];
            /** @description resolved with no resolution breach / resolved or whose resolution clock breached, over tickets not joined to an incident and incidents declared (an incident stands for its children); a fraction 0..1, null when the denominator is 0 */
            resolutionOnTimeRate: number | null;
            /** @description resolved / received; a fraction 0..1, null when the denominator is 0 */
            resolutionRate: number | null;
            /** @description of those, resolved or closed and not reopened since */
            resolved: number;
            /** @description completed callbacks with the customer satisfied (非常满意 or 满意) / completed callbacks with a verdict (a care call may record none); a fraction 0..1, null when the denominator is 0 */
            satisfactionRate: number | null;
            /** @description of those, judged valid (latest validity decision; a dispatch of a repair or complaint still pending, new or reopened, is its valid decision, and so is an earlier dispatch of a matter reclassified a repair or complaint, from the amendment on) */
            valid: number;
        };
        KpiGroupView: {
            /** @description spot checks passed / spot checks made in the period (解答准确率, as quality judged the agents’ answers); by agent and project, else the total only; a fraction 0..1, null when the denominator is 0 */
            answerAccuracyRate: number | null;
            /** @description completed callbacks / callbacks due in the period, cancelled ones excepted; a fraction 0..1, null when the denominator is 0 */
            callbackCompletionRate: number | null;
            /** @description callbacks completed no later than their due time / completed callbacks; a fraction 0..1, null when the denominator is 0 */
            callbackOnTimeRate: number | null;
            /** @description of those, closed and not reopened since */
            closed: number;
            /** @description of those, dispatched to a department at least once */
            dispatched: number;
            /** @description dispatched within the dispatch clock / dispatched under a dispatch clock or whose dispatch clock ran out (报修、投诉的转发是否及时), over tickets and incidents declared; a ticket or incident with no dispatch clock, a child an incident stands for and routine work a schedule opened count in neither; a fraction 0..1, null when the denominator is 0 */
            dispatchOnTimeRate: number | null;
            /** @description tickets received not joined to an incident, plus incidents declared: each fault counted once */
            distinctMatters: number;
            /** @description of those, escalated at least once */
            escalated: number;
            /** @description extensions of the promised time granted on those tickets (each extension counts) */
            extensions: number;
            /** @description working minutes from opening to the first reply, or the resolution when it came first, over tickets replied to or resolved: p50 and p90 by nearest rank, read from 2 %-wide bins (the mean of the bin holding the rank: exact when it holds one value, else within 2 %) */
            firstResponseMinutes: components["schemas"]["PercentilesView"];
            /** @description tickets first replied to (or resolved before any reply) with no first-response breach / tickets first replied to or resolved, or whose first-response clock breached; a fraction 0..1, null when the denominator is 0 */
            firstResponseOnTimeRate: number | null;
            /** @description of the tickets received, those joined to an incident: one fault, many callers */
            incidentChildren: number;
            /** @description incidents (群发事件) declared in the period */
            incidents: number;
            /** @description of those, judged invalid (a judgement a reopening withdrew counts in none of valid, invalid, outOfScope until judged again or dispatched) */
            invalid: number;
            /**
             * @description the section, item, channel, project, department or agent; `none` when the records have no value
             * @example complaint
             */
            key: string;
            /** @description tickets answered with a unified answer (统一答复) / tickets given a reply or an explanation; a fraction 0..1, null when the denominator is 0 */
            knowledgeAnswerUsageRate: number | null;
            /** @description of those, graded major on receipt or escalated as a major complaint */
            majorComplaints: number;
            /** @description handler on site (上门) within the on-site clock / arrived under an on-site clock or whose on-site clock ran out, over tickets; a ticket with no on-site clock and a child an incident stands for count in neither; a fraction 0..1, null when the denominator is 0 */
            onSiteOnTimeRate: number | null;
            /** @description of those, judged out of scope (redirected; a judgement a reopening withdrew counts in none until judged again or dispatched) */
            outOfScope: number;
            /** @description tickets opened in the period */
            received: number;
            /** @description closed tickets whose record held all it should when closed / closed tickets (处理记录是否完整: item, project; the building and room its catalogue item asks for; for a repair or complaint its validity and, when valid, the department; for a suggestion its evaluation), over tickets closed by a release that judged it; a fraction 0..1, null when the denominator is 0 */
            recordCompletenessRate: number | null;
            /** @description of those, reopened at least once */
            reopened: number;
            /** @description reopened / tickets ever resolved; a fraction 0..1, null when the denominator is 0 */
            reopenRate: number | null;
            /** @description working minutes from opening to the latest resolution, over resolved tickets: p50 and p90 by nearest rank, read from 2 %-wide bins (the mean of the bin holding the rank: exact when it holds one value, else within 2 %) */
            resolutionMinutes: components["schemas"]["PercentilesView"];
            /** @description resolved with no resolution breach / resolved or whose resolution clock breached, over tickets not joined to an incident and incidents declared (an incident stands for its children); a fraction 0..1, null when the denominator is 0 */
            resolutionOnTimeRate: number | null;
            /** @description resolved / received; a fraction 0..1, null when the denominator is 0 */
            resolutionRate: number | null;
            /** @description of those, resolved or closed and not reopened since */
            resolved: number;
            /** @description completed callbacks with the customer satisfied (非常满意 or 满意) / completed callbacks with a verdict (a care call may record none); a fraction 0..1, null when the denominator is 0 */
            satisfactionRate: number | null;
            /**
             * @description the ticket-list query (CSV) of the tickets behind this group
             * @example /v1/kpis/tickets?from=2026-10-31T16%3A00%3A00.000Z&to=2026-11-30T16%3A00%3A00.000Z&groupBy=section&key=complaint
             */
            tickets: string;
            /** @description of those, judged valid (latest validity decision; a dispatch of a repair or complaint still pending, new or reopened, is its valid decision, and so is an earlier dispatch of a matter reclassified a repair or complaint, from the amendment on) */
            valid: number;
        };
        KpiReportView: {
            /**
             * Format: date-time
             * @description start of the period, inclusive
             */
            from: string;
            /** @enum {string} */
            groupBy: "section" | "item" | "channel" | "project" | "department" | "agent";
            groups: components["schemas"]["KpiGroupView"][];
            /**
             * Format: date-time
             * @description end of the period, exclusive
             */
            to: string;
            /** @description the figures of every group together */
            total: components["schemas"]["KpiFiguresView"];
        };
        LineChangeView: {
            line: string;
            /** @enum {string} */
            op: "same" | "added" | "removed";
        };
        LinkedContactView: {
            /**
             * Format: date-time
             * @description when the contact was made
             */
            at: string;
            /**
             * @example phone
             * @enum {string}
             */
            channel: "phone" | "email" | "sms" | "wechat" | "qq" | "walk_in" | "web_chat" | "social" | "letter";
            /**
             * Format: uuid
             * @description the full text is read from intake at `GET /v1/contacts/{contactId}` (personal data masked unless `customer.pii.read` and `X-Access-Purpose`)
             */
            contactId: string;
            /**
             * @description `follow_up` — 催办/查询 about the open matter
             * @enum {string}
             */
            kind: "opened" | "follow_up";
            /**
             * Format: uuid
             * @description 工单合并 — the ticket this contact first belonged to, merged into this one
             */
            mergedFrom?: string;
            /**
             * @description redacted summary of what was said
             * @example 还没人来修
             */
            summary?: string;
        };
        LinkTicketsDto: {
            /** @description open tickets of the incident’s project; all join or none (422 naming `ticketIds[i]`, 409 for one handled or in another incident) */
            ticketIds: string[];
        };
        MatchDto: {
            channels?: string[] | null;
            /**
             * @example [
             *       "major"
             *     ]
             */
            grades?: string[] | null;
            items?: string[] | null;
            priorities?: string[] | null;
            projects?: string[] | null;
            /**
             * @example [
             *       "complaint"
             *     ]
             */
            sections?: string[] | null;
        };
        MergeCustomersDto: {
            /**
             * Format: uuid
             * @description the duplicate folded into this customer
             */
            duplicateId: string;
            /** @example 同一业主两个号码 */
            reason: string;
        };
        MergeDto: {
            /**
             * @description why; recorded in both histories and the event, personal data redacted
             * @example 同一业主两次来电反映同一漏水问题
             */
            reason?: string | null;
            /**
             * Format: uuid
             * @description the duplicate to merge into this ticket: the same customer, the same project, still open
             */
            ticketId: string;
            /**
             * @description the duplicate’s version as last read (its ETag); 412 when it changed since
             * @example 3
             */
            ticketVersion?: number | null;
        };
        MetricRuleDto: {
            /** @enum {string} */
            metric: "callbackCompletionRate" | "callbackOnTimeRate" | "satisfactionRate" | "resolutionRate" | "firstResponseOnTimeRate" | "resolutionOnTimeRate" | "reopenRate" | "knowledgeAnswerUsageRate";
            /** @description must include a tier with min 0, so every value has a tier */
            tiers: components["schemas"]["TierDto"][];
            /**
             * @description multiplies the tier deduction
             * @example 1
             */
            weight: number;
        };
        MetricScoreView: {
            /** @description tier deduction × weight */
            deduction: number;
            /** @enum {string} */
            metric: "callbackCompletionRate" | "callbackOnTimeRate" | "satisfactionRate" | "resolutionRate" | "firstResponseOnTimeRate" | "resolutionOnTimeRate" | "reopenRate" | "knowledgeAnswerUsageRate";
            /** @description the tier it fell in */
            tierMin: number | null;
            /** @description the agent’s rate (as in GET /v1/kpis grouped by agent); null: nothing measured, no deduction */
            value: number | null;
        };
        MissedCallbacksView: {
            /** @description newest close first */
            items: components["schemas"]["MissedCallbackView"][];
            /** @description present when more tickets follow: pass as `cursor` for the next page */
            nextCursor?: string;
        };
        MissedCallbackView: {
            /**
             * Format: uuid
             * @description the last callback, absent when none was scheduled
             */
            callbackId?: string;
            /** Format: date-time */
            closedAt: string;
            /** Format: uuid */
            customerId: string;
            itemCode?: string;
            /**
             * @description where the last callback stood when the ticket closed
             * @enum {string}
             */
            lastStatus?: "due" | "overdue" | "done" | "failed" | "cancelled";
            number?: string;
            policyId: string;
            projectCode?: string;
            sectionCode?: string;
            /** Format: uuid */
            ticketId: string;
        };
        MonthlyReportView: {
            byProject: components["schemas"]["ComparedGroupView"][];
            bySection: components["schemas"]["ComparedGroupView"][];
            /** @description 回访客户月统计表 */
            callbackStatistics: components["schemas"]["CallbackStatisticsView"];
            /** @description 升级与重大投诉: the 100 most escalated tickets of the period (highest level first, then as received); `escalationsTotal` counts them all, and `/v1/kpis/tickets` exports every ticket with its level */
            escalations: components["schemas"]["EscalationView"][];
            /** @description tickets of the period escalated or graded major, listed in `escalations` or not */
            escalationsTotal: number;
            /** Format: date-time */
            from: string;
            /** @description 群发事件 declared in the period, with their duration and how many called about each */
            incidents: components["schemas"]["IncidentSummaryView"][];
            /** @enum {string} */
            kind: "monthly" | "weekly";
            kpis: components["schemas"]["ComparedFiguresView"];
            /**
             * @description the month (2026-11) or ISO week (2026-W48)
             * @example 2026-11
             */
            period: string;
            /**
             * @description the period compared with
             * @example 2026-10
             */
            previousPeriod: string;
            /** Format: date-time */
            to: string;
            /** @description 咨询内容分类统计: the ten most raised consultation items */
            topTopics: components["schemas"]["TopicCountView"][];
        };
        NextOccurrenceView: {
            /**
             * Format: date
             * @description the day the rule names
             */
            occurrenceOn: string;
            /** Format: date-time */
            opensAt: string;
            /**
             * Format: date
             * @description the working day its ticket opens
             */
            opensOn: string;
        };
        NoteDto: {
            note?: string | null;
        };
        NotificationPage: {
            items: components["schemas"]["NotificationView"][];
            /**
             * @description pass as `cursor` for the next (older) page
             * @example czQx
             */
            nextCursor?: string;
            /**
             * @description all your unread notifications, not only this page’s, counted up to 1,000 (show "999+" at 1,000)
             * @example 3
             */
            unreadCount: number;
        };
        NotificationView: {
            audience: components["schemas"]["AudienceView"];
            /**
             * @description SLA warnings and breaches
             * @example resolution
             * @enum {string}
             */
            clock?: "first_response" | "dispatch" | "on_site" | "resolution";
            /**
             * Format: date-time
             * @example 2026-10-09T09:30:00.000Z
             */
            dueAt?: string;
            /**
             * Format: uuid
             * @example 6d1f0a9e-3c1b-4f7a-8f0e-2b9d5c4a7e11
             */
            id: string;
            /** @description the incident, for the `incident_*` kinds; exactly one of `ticket` and `incident` is present */
            incident?: components["schemas"]["IncidentRefView"];
            /**
             * @description a ticket’s: major_complaint, escalated, sla_warning, sla_breached; an incident’s (群发事件): incident_escalated, incident_sla_warning, incident_sla_breached
             * @example major_complaint
             * @enum {string}
             */
            kind: "major_complaint" | "escalated" | "sla_warning" | "sla_breached" | "incident_escalated" | "incident_sla_warning" | "incident_sla_breached";
            /**
             * @description escalations, a ticket’s or an incident’s: 1 the supervisor, 2 the leaders
             * @example 1
             * @enum {number}
             */
            level?: 1 | 2;
            /**
             * Format: date-time
             * @example 2026-10-08T02:15:00.000Z
             */
            occurredAt: string;
            /**
             * @description whether you marked it read
             * @example false
             */
            read: boolean;
            /**
             * Format: date-time
             * @example 2026-10-08T02:20:00.000Z
             */
            readAt?: string;
            /**
             * @example major_complaint
             * @enum {string}
             */
            reason?: "major_complaint" | "sla_breached" | "breach_unresolved" | "manual";
            /**
             * @description SLA warnings: how much of the time has passed, in percent
             * @example 75
             */
            thresholdPercent?: number;
            /** @description the ticket, for a ticket’s kinds; exactly one of `ticket` and `incident` is present */
            ticket?: components["schemas"]["TicketRefView"];
            /** @example 重大投诉 TK-20261008-000123：已上报（第 1 级） */
            title: string;
        };
        OpenedOccurrenceView: {
            /**
             * Format: date
             * @description the day the rule names
             */
            occurrenceOn: string;
            /** Format: date-time */
            openedAt: string;
            /**
             * Format: date
             * @description the working day its ticket opens
             */
            opensOn: string;
            /** Format: uuid */
            ticketId: string;
        };
        OpinionAnswerView: {
            /** Format: date-time */
            at: string;
            by: string;
            /** @example 合同第12条约定延期交付按日万分之五赔付 */
            text: string;
        };
        OpinionRecordDto: {
            /** @example 合同第12条约定延期交付按日万分之五赔付，可据此答复 */
            text: string;
        };
        OpinionRequestDto: {
            /**
             * @description required when from=department (422 TICKET.DEPARTMENT_REQUIRED); a code, kept as given: one holding a phone number, e-mail address or ID number is 422 TICKET.PERSONAL_DATA naming `department`
             * @example engineering
             */
            department?: string | null;
            /**
             * Format: date-time
             * @description in the future (422 TICKET.DUE_IN_PAST)
             * @example 2026-11-26T17:30:00+08:00
             */
            dueAt: string;
            /**
             * @description a department, or legal counsel
             * @example legal
             * @enum {string}
             */
            from: "department" | "legal";
            /** @example 业主要求赔偿装修延期损失，是否有合同依据？ */
            question: string;
        };
        OpinionView: {
            answer?: components["schemas"]["OpinionAnswerView"];
            /** @example engineering */
            department?: string;
            /**
             * Format: date-time
             * @description when the opinion is due, as the request asked
             */
            dueAt: string;
            /** @enum {string} */
            from: "department" | "legal";
            /** Format: uuid */
            id: string;
            /**
             * Format: date-time
             * @description when its deadline passed unanswered
             */
            overdueAt?: string;
            /** @example 业主要求赔偿装修延期损失，是否有合同依据？ */
            question: string;
            /** Format: date-time */
            requestedAt: string;
            requestedBy: string;
        };
        PauseDto: {
            /** @example 业主出差，约定下周上门 */
            reason: string;
        };
        PercentilesView: {
            /** @description median by nearest rank, read from 2 %-wide bins (within 2 %); null when no ticket counts */
            p50: number | null;
            /** @description 90th percentile by nearest rank, read from 2 %-wide bins (within 2 %); null when no ticket counts */
            p90: number | null;
        };
        PoliciesDto: {
            policies: components["schemas"]["PolicyDto"][];
        };
        PolicyDto: {
            /** @default default */
            calendarId?: string | null;
            escalateToManagerAfter?: components["schemas"]["DurationDto"] | null;
            /** @example complaint */
            id: string;
            match: components["schemas"]["MatchDto"];
            /** @example 有效投诉：当日派单 */
            name: string;
            targets: components["schemas"]["TargetsDto"];
            /**
             * @description percentages of a clock’s time at which to warn, each listed once (422 SLA.DUPLICATE_WARNING)
             * @example [
             *       75,
             *       90
             *     ]
             */
            warnAt: number[];
        };
        PraiseDto: {
            /** @example agent-12 */
            agent: string;
            /** @example P001 */
            projectCode?: string | null;
            /** @example 业主来电表扬服务耐心 */
            reason: string;
            /**
             * Format: date-time
             * @description default now; the month it counts in
             */
            receivedAt?: string | null;
            /**
             * Format: uuid
             * @description the ticket the praise is about
             */
            ticketId?: string | null;
        };
        PraiseListView: {
            items: components["schemas"]["PraiseView"][];
        };
        PraiseTallyView: {
            bonus: number;
            count: number;
        };
        PraiseView: {
            agentId: string;
            /** Format: uuid */
            id: string;
            projectCode: string | null;
            reason: string;
            /** Format: date-time */
            receivedAt: string;
            recordedBy: string;
            ticketId: string | null;
        };
        PresenceHeartbeatDto: {
            /**
             * @description `editing` while a form or a reply is open, else `viewing`
             * @example viewing
             * @enum {string}
             */
            mode: "viewing" | "editing";
        };
        PresenceHeartbeatView: {
            /**
             * Format: date-time
             * @description when the caller drops out without another heartbeat (30 s)
             */
            expiresAt: string;
            /** @description the other people on the ticket now (never the caller), editors first */
            presence: components["schemas"]["PresenceView"][];
            /**
             * @description seconds a heartbeat lasts; send the next well before (every 10 s)
             * @example 30
             */
            ttlSeconds: number;
        };
        PresenceView: {
            /** @enum {string} */
            mode: "viewing" | "editing";
            /**
             * @description the display name from their token
             * @example 王客服
             */
            name: string;
            /**
             * Format: date-time
             * @description since when in this mode
             */
            since: string;
            /**
             * @description the user id: the token subject, or the id derived from one longer than 64 characters (ADR 0102)
             * @example agent-8
             */
            userId: string;
        };
        /** @description RFC 9457 problem details; `code` is stable for programs. `errors` lists every offending field at once, each with the rule it breaks (`code`), that rule’s parameters and a message in the language of `Accept-Language` (zh-CN for any Chinese tag, else en). */
        ProblemDetails: {
            /**
             * @description On a 409 state conflict: the statuses from which the command is allowed.
             * @example [
             *       "new",
             *       "dispatched"
             *     ]
             */
            allowedFrom?: string[];
            /** @example VALIDATION.FAILED */
            code: string;
            /**
             * @description On a 409 state conflict: the command that was refused.
             * @example dispatch
             */
            command?: string;
            /**
             * @description On a 409 state conflict (`…ILLEGAL_TRANSITION`): the status the resource is in now.
             * @example resolved
             */
            currentStatus?: string;
            /** @example invalid field(s): customer.phone, content */
            detail?: string;
            errors?: {
                /**
                 * @description The rule broken; stable, for programs and translations.
                 * @example too_long
                 * @enum {string}
                 */
                code: "required" | "too_long" | "too_short" | "too_many" | "too_few" | "invalid_format" | "invalid_phone" | "not_one_of" | "out_of_range" | "invalid_type" | "unknown_field" | "unknown_reference" | "exactly_one_of" | "invalid_text" | "too_deep" | "invalid_json" | "rejected";
                /**
                 * @description Dotted path in the request, arrays by index: `attachments[0].name`.
                 * @example content
                 */
                field: string;
                /**
                 * @description The rule in words, in the language of `Accept-Language`.
                 * @example must be at most 4000 characters long
                 */
                message: string;
                /**
                 * @description What the rule was checked against: `max`/`min` (too_long, too_short, too_many, too_few, out_of_range), `allowed` (not_one_of), `expected` (invalid_type), `format` (invalid_format), `fields` (exactly_one_of), `reason` (rejected, invalid_json).
                 * @example {
                 *       "max": 4000
                 *     }
                 */
                params: {
                    [key: string]: unknown;
                };
            }[];
            /** @example /v1/contacts */
            instance?: string;
            /**
             * @description On the gateway’s 504 `GATEWAY.UPSTREAM_TIMEOUT` or 503 `GATEWAY.UPSTREAM_UNAVAILABLE` for a write the service took and did not answer: it may have been applied. Send it again only with the same Idempotency-Key, on an operation that declares that header (then Retry-After is given); otherwise check whether it took effect first.
             * @example unknown
             * @enum {string}
             */
            outcome?: "unknown";
            /** @example 400 */
            status: number;
            /** @example Bad Request */
            title: string;
            /** @example urn:cs:problem:validation-failed */
            type: string;
        };
        ProjectListDto: {
            items: components["schemas"]["ProjectViewDto"][];
        };
        ProjectViewDto: {
            buildings: components["schemas"]["BuildingViewDto"][];
            /** @example 上海 */
            city?: string;
            /** @example P001 */
            code: string;
            /** @example 花木苑 */
            name: string;
        };
        PromiseDto: {
            /** @description Supervisors and admins only (403 otherwise): approve a first reply later than its cap. Without it such a request is refused 422 TICKET.CAP_EXCEEDED; it never allows a first reply after the resolution deadline. */
            exception?: components["schemas"]["CapExceptionDto"] | null;
            /** @enum {string} */
            tier: "10m" | "20m" | "30m" | "1d" | "2d" | "3d";
        };
        PurchaseDto: {
            /** @example 128.5 */
            areaSqm?: number | null;
            /**
             * Format: date-time
             * @example 2025-06-18
             */
            date?: string | null;
            /** @example 3850000 */
            priceYuan?: number | null;
            /** @example 三室两厅 */
            unitType?: string | null;
        };
        PutCatalogueDto: {
            sections: components["schemas"]["CatalogueSectionDto"][];
        };
        PutProjectDto: {
            buildings: components["schemas"]["BuildingDto"][];
            /** @example 上海 */
            city?: string | null;
            /** @example 花木苑 */
            name: string;
        };
        QuestionnaireAnswerDto: {
            comment?: string | null;
            newNeeds?: string | null;
            /** @enum {string} */
            satisfaction: "very_satisfied" | "satisfied" | "neutral" | "dissatisfied" | "very_dissatisfied";
            score?: number | null;
            serviceScore?: number | null;
        };
        RebuildPositionView: {
            /**
             * Format: int64
             * @description the topic’s end when the rebuild started; later events reach the shadow tables live
             * @example 48213
             */
            endOffset: number;
            /**
             * Format: int64
             * @description the next offset the rebuild applies (committed with the rows it wrote)
             * @example 48213
             */
            nextOffset: number;
            partition: number;
            /** @example tickets.events.v1 */
            topic: string;
        };
        RebuildView: {
            /**
             * Format: int64
             * @description records replayed so far
             * @example 48213
             */
            eventsApplied: number;
            /**
             * Format: int64
             * @description records to replay
             * @example 48213
             */
            eventsTotal: number;
            /** Format: date-time */
            finishedAt: string | null;
            /** Format: uuid */
            id: string;
            positions: components["schemas"]["RebuildPositionView"][];
            requestedBy: string;
            /** Format: date-time */
            startedAt: string;
            /** @enum {string} */
            status: "running" | "completed";
        };
        RecordAmendmentDto: {
            /** @example 3栋 */
            building?: string | null;
            /**
             * @description an active catalogue item <section>.<item> (422 TICKET.UNKNOWN_ITEM otherwise)
             * @example repair.own_unit
             */
            itemCode?: string | null;
            /** @example 1202 */
            room?: string | null;
        } | {
            itemCode: string;
        } | {
            building: string;
        } | {
            room: string;
        };
        RecordContactDto: {
            attachments?: components["schemas"]["AttachmentDto"][] | null;
            /** @enum {string} */
            channel: "phone" | "email" | "sms" | "wechat" | "qq" | "walk_in" | "web_chat" | "social" | "letter";
            /** @example 3栋电梯停在12楼不动了 */
            content: string;
            customer: components["schemas"]["ContactCustomerDto"];
            /**
             * @default inbound
             * @enum {string|null}
             */
            direction?: "inbound" | "outbound" | null;
            /**
             * @description complaints: a major complaint escalates to leaders at once
             * @enum {string|null}
             */
            grade?: "general" | "major" | null;
            /**
             * @description catalogue item code <section>.<item>, of an active item: one added is accepted once intake has it, one withdrawn is refused from at most 10 s after intake learns of it (ADR 0188)
             * @example repair.public_area
             */
            itemCode?: string | null;
            /**
             * Format: date-time
             * @description when it happened (now when absent): at most 5 minutes ahead of the server, and at most 90 days back (422 naming occurredAt)
             * @example 2026-11-24T09:30:00+08:00
             */
            occurredAt?: string | null;
            /**
             * @default normal
             * @enum {string|null}
             */
            priority?: "low" | "normal" | "high" | "urgent" | null;
            /**
             * @description reply time promised to the customer (consultations), at most 3 working days
             * @enum {string|null}
             */
            promisedReply?: "10m" | "20m" | "30m" | "1d" | "2d" | "3d" | null;
            /**
             * Format: uuid
             * @description the ticket this contact is about (催办/查询)
             */
            ticketId?: string | null;
        };
        RecordedContactDto: {
            /** Format: uuid */
            customerId: string;
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            route: "new_matter" | "follow_up";
            /**
             * Format: uuid
             * @description for a follow-up, the ticket it joined
             */
            ticketId?: string;
        };
        RecurrenceDto: {
            /**
             * @description with every=days: how many days apart (30 when absent)
             * @default 30
             */
            days?: number | null;
            /**
             * @description once (a holiday greeting), every month or quarter, or every `days` days: counted from firstRunAt at its local time in the calendar’s zone; a month shorter than firstRunAt’s day runs on its last day
             * @enum {string}
             */
            every: "once" | "month" | "quarter" | "days";
        };
        RegisterCustomerDto: {
            /** @example 上海市浦东新区花木路100弄3号1202室 */
            address?: string | null;
            /**
             * Format: date
             * @description birth date (YYYY-MM-DD) for birthday care; personal data, shown masked without customer.pii.read
             * @example 1985-06-18
             */
            birthDate?: string | null;
            /** Format: email */
            email?: string | null;
            /** @example 张三 */
            name: string;
            /**
             * @description the first is the primary number; any common format (422 for one that is not a phone number)
             * @example [
             *       "138 1234 5678"
             *     ]
             */
            phones: string[];
            purchase?: components["schemas"]["PurchaseDto"] | null;
            /**
             * @description lower-case snake_case codes, shown and published as given (customer.registered, customer.updated): one holding a phone number or an ID number is 422 CUSTOMER.PERSONAL_DATA naming it (tags[1])
             * @example [
             *       "key_customer"
             *     ]
             */
            tags?: string[] | null;
            units?: components["schemas"]["UnitDto"][] | null;
        };
        RejectAnswerDto: {
            /** @example 收费标准请以2026年物价局备案为准，修改后再提交 */
            comment: string;
        };
        RejectionView: {
            /** Format: date-time */
            at: string;
            by: string;
            comment: string;
        };
        ReopenDto: {
            /** @example 回访客户不满意，电梯仍有异响 */
            reason: string;
        };
        ReplyApprovalDto: {
            /**
             * @description the reply the customer is given; a candidate unified answer
             * @example 经核实，该问题属合同约定范围外，我司将按规定协助办理
             */
            text: string;
        };
        ReplyDto: {
            answerId?: string | null;
            /** @example 已安排维修师傅今天下午上门 */
            message: string;
        };
        ResolveDto: {
            /** @example 已更换电梯控制板，运行正常 */
            resolution: string;
        };
        ResolveIncidentDto: {
            /**
             * @description the last update, sent to every child’s customer once as `incident.updated.v1` (已恢复通报); default: the resolution (its first 1,000 characters). Personal data is redacted
             * @example 3栋1号电梯已修复，恢复正常运行，感谢您的耐心等待
             */
            customerMessage?: string | null;
            /**
             * @description false: no last update goes to the callers
             * @default true
             */
            notifyCustomers?: boolean | null;
            /**
             * @description every open child is resolved with this text
             * @example 更换曳引机编码器，电梯已恢复运行
             */
            resolution: string;
            /**
             * @description false: the children stay open (the incident offers them) until `POST /v1/incidents/{id}/resolve-children`
             * @default true
             */
            resolveChildren?: boolean | null;
        };
        ReviewList: {
            /** @description soonest due first */
            items: components["schemas"]["ReviewView"][];
        };
        ReviewView: {
            /** Format: uuid */
            answerId: string;
            /** Format: date-time */
            dueAt: string;
            /** Format: uuid */
            id: string;
            /** Format: uuid */
            noticeId?: string;
            overdue: boolean;
            /** @enum {string} */
            reason: "change_notice" | "review_by_date";
            title: string;
            /** @description the version flagged */
            version: number;
        };
        ScheduleRecurrenceDto: {
            /** @description with every=month: the day; a shorter month takes its last day */
            dayOfMonth?: number;
            /**
             * @description every `interval` days, weeks (on `weekdays`) or months (on `dayOfMonth`)
             * @enum {string}
             */
            every: "day" | "week" | "month";
            /**
             * @description up to 365 days, 52 weeks or 12 months
             * @default 1
             */
            interval?: number | null;
            /**
             * @description with every=week: ISO weekdays, 1 Monday … 7 Sunday, each once
             * @example [
             *       4
             *     ]
             */
            weekdays?: number[];
        } & ({
            /** @enum {unknown} */
            every?: "day";
            interval?: number;
        } | {
            /** @enum {unknown} */
            every?: "week";
            interval?: number;
        } | {
            /** @enum {unknown} */
            every?: "month";
            interval?: number;
        });
        ScorecardListView: {
            items: components["schemas"]["ScorecardView"][];
        };
        ScorecardSchemeDto: {
            /** @example 100 */
            base: number;
            /**
             * @description points per failed spot check (抽查不合格)
             * @example 2
             */
            failedSpotCheckDeduction: number;
            metrics: components["schemas"]["MetricRuleDto"][];
            /**
             * @description points per praise (表扬)
             * @example 2
             */
            praiseBonus: number;
        };
        ScorecardSchemeView: {
            scheme: components["schemas"]["ScorecardSchemeDto"];
            /**
             * @description 0 while the default scheme applies
             * @example 1
             */
            version: number;
        };
        ScorecardView: {
            /** @example agent-12 */
            agent: string;
            base: number;
            metrics: components["schemas"]["MetricScoreView"][];
            /** @example 2026-11 */
            month: string;
            praise: components["schemas"]["PraiseTallyView"];
            schemeVersion: number;
            /** @description base − metric deductions − failed spot checks × deduction + praise × bonus */
            score: number;
            spotChecks: components["schemas"]["SpotCheckTallyView"];
        };
        SearchHitView: {
            /** Format: uuid */
            answerId: string;
            itemCode?: string;
            /** @description the stored phrasing that matched, marked */
            matchedQuestion?: string;
            /** @description relevance; higher is better */
            score: number;
            /**
             * @description a passage of the title and body, matches in <mark>
             * @example 物业费的缴纳方式。您好，<mark>物业费</mark>可通过…
             */
            snippet: string;
            title: string;
            /** @description the version in force, which a reply cites */
            version: number;
        };
        SearchResultView: {
            /** @description best first */
            items: components["schemas"]["SearchHitView"][];
        };
        SlaDurationDto: {
            /** @example 2 */
            amount: number;
            /**
             * @example working
             * @enum {string}
             */
            basis: "working" | "calendar";
            /** @description never later than the close of the working day it started, before pauses and extensions */
            byCloseOfDay?: boolean;
            /**
             * @example days
             * @enum {string}
             */
            unit: "minutes" | "hours" | "days";
        };
        SlaPoliciesView: {
            policies: components["schemas"]["PolicyDto"][];
            /** @example 3 */
            version: number;
        };
        SpotCheckDto: {
            /**
             * @description the agent checked
             * @example agent-12
             */
            agent: string;
            /**
             * Format: date-time
             * @description default now; the month it counts in
             */
            checkedAt?: string | null;
            /** @example 未按规范使用统一答复语 */
            comments: string;
            /** @description pass (true) or fail (false) */
            passed: boolean;
            target: components["schemas"]["SpotCheckTargetDto"];
        };
        SpotCheckListView: {
            items: components["schemas"]["SpotCheckView"][];
        };
        SpotCheckTallyView: {
            checked: number;
            deduction: number;
            failed: number;
        };
        SpotCheckTargetDto: {
            /** @description the ticket or callback id (ticket, callback) */
            id?: string | null;
            /** @enum {string} */
            kind: "ticket" | "callback" | "recording";
            /**
             * @description the project, for a recording; a ticket or callback has its own
             * @example P001
             */
            projectCode?: string | null;
            /**
             * Format: uri
             * @description the call recording (recording); shown to whoever reads the project’s spot checks, so a user name and password in it are refused, and the phones, e-mails and ID numbers its folders, file name and query hold are kept masked
             * @example https://recordings.example.com/2026/11/call-123.mp3
             */
            url?: string | null;
        } & ({
            id: string;
            /** @enum {unknown} */
            kind?: "ticket" | "callback";
        } | {
            /** @enum {unknown} */
            kind?: "recording";
            url: string;
        });
        SpotCheckView: {
            agentId: string;
            /** Format: date-time */
            checkedAt: string;
            checkedBy: string;
            comments: string;
            /** Format: uuid */
            id: string;
            passed: boolean;
            projectCode: string | null;
            targetId: string | null;
            /** @enum {string} */
            targetKind: "ticket" | "callback" | "recording";
            targetUrl: string | null;
        };
        SuggestionEvaluationDto: {
            /** @example 增设快递柜可减少门岗代收压力，建议物业部评估场地 */
            comment: string;
            /** @example true */
            feasible: boolean;
            /** @example true */
            reasonable: boolean;
            /**
             * @description only a valuable suggestion is forwarded to a department
             * @example true
             */
            valuable: boolean;
        };
        SuggestionEvaluationView: {
            /** Format: date-time */
            at: string;
            by: string;
            /** @example 增设快递柜可减少门岗代收压力 */
            comment: string;
            feasible: boolean;
            reasonable: boolean;
            valuable: boolean;
        };
        SuggestionForwardDto: {
            /**
             * @description the department that implements it; the ticket is dispatched there. a code, kept as given: one holding a phone number, e-mail address or ID number is 422 TICKET.PERSONAL_DATA naming `department`
             * @example property_management
             */
            department: string;
        };
        SuggestionForwardView: {
            /** Format: date-time */
            at: string;
            by: string;
            /** @example property_management */
            department: string;
        };
        SuggestionImplementationDto: {
            /**
             * @description required once implemented or rejected (422 TICKET.RESULT_REQUIRED)
             * @example 已在3号楼大堂增设快递柜
             */
            result?: string | null;
            /**
             * @example implemented
             * @enum {string}
             */
            status: "in_progress" | "implemented" | "rejected";
        };
        SuggestionImplementationView: {
            /** Format: date-time */
            at: string;
            by: string;
            /** @example 已在3号楼大堂增设快递柜 */
            result?: string;
            /** @enum {string} */
            status: "in_progress" | "implemented" | "rejected";
        };
        SuggestionList: {
            /** @description best first; retired answers never appear */
            items: components["schemas"]["KnowledgeSuggestionView"][];
        };
        SuggestionRewardDto: {
            /** @example 感谢建议，赠送会员积分 */
            description: string;
            /**
             * @example points
             * @enum {string}
             */
            kind: "gift" | "coupon" | "points";
            /**
             * @description yuan for a gift or coupon, points for points
             * @example 200
             */
            value?: number | null;
        };
        SuggestionRewardView: {
            /** Format: date-time */
            at: string;
            by: string;
            /** @example 赠送会员积分 */
            description: string;
            /** @enum {string} */
            kind: "gift" | "coupon" | "points";
            /** @example 200 */
            value?: number;
        };
        SynonymGroupDto: {
            /**
             * @example [
             *       "物业费",
             *       "管理费"
             *     ]
             */
            terms: string[];
        };
        SynonymGroupList: {
            items: components["schemas"]["SynonymGroupView"][];
        };
        SynonymGroupView: {
            /** Format: uuid */
            id: string;
            terms: string[];
            /** Format: date-time */
            updatedAt: string;
            updatedBy: string;
        };
        TargetsDto: {
            dispatch?: components["schemas"]["DurationDto"] | null;
            first_response?: components["schemas"]["DurationDto"] | null;
            /** @description 上门 — the handler on site, from receipt (24 hours locally, 3 days in nearby counties, …): met by POST /v1/tickets/{id}/arrival */
            on_site?: components["schemas"]["DurationDto"] | null;
            resolution?: components["schemas"]["DurationDto"] | null;
        };
        TicketCountsView: {
            /**
             * @description 0 none, 1 supervisor/leaders, 2 manager
             * @example {
             *       "0": 60,
             *       "1": 7,
             *       "2": 2
             *     }
             */
            byEscalationLevel: {
                0?: number;
                1?: number;
                2?: number;
            };
            /**
             * @example {
             *       "general": 66,
             *       "major": 3
             *     }
             */
            byGrade: {
                general?: number;
                major?: number;
            };
            /**
             * @example {
             *       "new": 3,
             *       "dispatched": 5,
             *       "in_progress": 8,
             *       "awaiting_customer": 1,
             *       "resolved": 12,
             *       "closed": 40
             *     }
             */
            byStatus: {
                awaiting_customer?: number;
                closed?: number;
                dispatched?: number;
                in_progress?: number;
                new?: number;
                resolved?: number;
            };
            /** @example 69 */
            total: number;
        };
        TicketOriginView: {
            /** @enum {string} */
            kind: "schedule";
            /**
             * Format: date
             * @description the day the schedule’s rule named, before any move to a working day
             * @example 2026-10-05
             */
            occurrenceOn: string;
            /** Format: uuid */
            scheduleId: string;
        };
        TicketPage: {
            items: components["schemas"]["TicketView"][];
            /** @description pass as `cursor` for the next page */
            nextCursor?: string;
        };
        TicketRefView: {
            /**
             * Format: uuid
             * @example 0b6f3c2e-8f4a-4d7e-9a51-3f0c2d1e4b5a
             */
            id: string;
            /** @example complaint.construction_quality */
            itemCode?: string;
            /** @example TK-20261008-000123 */
            number: string;
            /** @example P001 */
            projectCode?: string;
            /**
             * @description the ticket’s status when the event happened
             * @example dispatched
             * @enum {string}
             */
            status: "new" | "dispatched" | "in_progress" | "awaiting_customer" | "resolved" | "closed";
        };
        TicketScheduleDto: {
            /** @example 3 */
            building?: string | null;
            /**
             * @description the business calendar that says which days are working days (holidays, 调休)
             * @default default
             */
            calendarId?: string | null;
            /**
             * @description the department each ticket is dispatched (派单) to; a code, kept as given: one holding a phone number, e-mail address or ID number is 422 TICKET_SCHEDULE.PERSONAL_DATA naming `department`
             * @example engineering
             */
            department: string;
            /**
             * Format: date
             * @description the last; absent, it never ends
             * @example 2027-12-31
             */
            endsOn?: string | null;
            /** @example handler-12 */
            handler?: string | null;
            /**
             * @description an active catalogue item (422 otherwise)
             * @example repair.public_area
             */
            itemCode?: string | null;
            /**
             * @description what the work is: each ticket’s demand (personal data redacted)
             * @example 3栋消防设施周检
             */
            name: string;
            /**
             * @description an occurrence on a weekend or holiday opens on the next working day, or is skipped; a day opens at most one ticket of a schedule
             * @default next_working_day
             * @enum {string|null}
             */
            onNonWorkingDay?: "next_working_day" | "skip" | null;
            /**
             * @default normal
             * @enum {string|null}
             */
            priority?: "low" | "normal" | "high" | "urgent" | null;
            /** @example P001 */
            projectCode: string;
            recurrence: components["schemas"]["ScheduleRecurrenceDto"];
            /**
             * Format: date
             * @description the first day an occurrence may fall on; at most 92 days back (what it missed since opens at once)
             * @example 2026-12-03
             */
            startsOn: string;
            /**
             * @description local time (the calendar’s zone) at which each ticket opens
             * @default 09:00
             * @example 09:00
             */
            timeOfDay?: string | null;
        };
        TicketSchedulesView: {
            items: components["schemas"]["TicketScheduleView"][];
        };
        TicketScheduleUpdateDto: {
            /**
             * @description false pauses it: nothing opens until it is true again (what it missed while paused is not opened)
             * @default true
             */
            active?: boolean;
            /** @example 3 */
            building?: string | null;
            /**
             * @description the business calendar that says which days are working days (holidays, 调休)
             * @default default
             */
            calendarId?: string | null;
            /**
             * @description the department each ticket is dispatched (派单) to; a code, kept as given: one holding a phone number, e-mail address or ID number is 422 TICKET_SCHEDULE.PERSONAL_DATA naming `department`
             * @example engineering
             */
            department: string;
            /**
             * Format: date
             * @description the last; absent, it never ends
             * @example 2027-12-31
             */
            endsOn?: string | null;
            /** @example handler-12 */
            handler?: string | null;
            /**
             * @description an active catalogue item (422 otherwise)
             * @example repair.public_area
             */
            itemCode?: string | null;
            /**
             * @description what the work is: each ticket’s demand (personal data redacted)
             * @example 3栋消防设施周检
             */
            name: string;
            /**
             * @description an occurrence on a weekend or holiday opens on the next working day, or is skipped; a day opens at most one ticket of a schedule
             * @default next_working_day
             * @enum {string|null}
             */
            onNonWorkingDay?: "next_working_day" | "skip" | null;
            /**
             * @default normal
             * @enum {string|null}
             */
            priority?: "low" | "normal" | "high" | "urgent" | null;
            /** @example P001 */
            projectCode: string;
            recurrence: components["schemas"]["ScheduleRecurrenceDto"];
            /**
             * Format: date
             * @description the first day an occurrence may fall on; at most 92 days back (what it missed since opens at once)
             * @example 2026-12-03
             */
            startsOn: string;
            /**
             * @description local time (the calendar’s zone) at which each ticket opens
             * @default 09:00
             * @example 09:00
             */
            timeOfDay?: string | null;
        };
        TicketScheduleView: {
            active: boolean;
            /** @example 3 */
            building?: string | null;
            /**
             * @description the business calendar that says which days are working days (holidays, 调休)
             * @default default
             */
            calendarId?: string | null;
            /** Format: date-time */
            createdAt: string;
            /**
             * @description the department each ticket is dispatched (派单) to; a code, kept as given: one holding a phone number, e-mail address or ID number is 422 TICKET_SCHEDULE.PERSONAL_DATA naming `department`
             * @example engineering
             */
            department: string;
            /**
             * Format: date
             * @description the last; absent, it never ends
             * @example 2027-12-31
             */
            endsOn?: string | null;
            /** @example handler-12 */
            handler?: string | null;
            /** Format: uuid */
            id: string;
            /**
             * @description an active catalogue item (422 otherwise)
             * @example repair.public_area
             */
            itemCode?: string | null;
            /**
             * @description what the work is: each ticket’s demand (personal data redacted)
             * @example 3栋消防设施周检
             */
            name: string;
            /** @description absent when it ended or is paused */
            next?: components["schemas"]["NextOccurrenceView"];
            /**
             * @description an occurrence on a weekend or holiday opens on the next working day, or is skipped; a day opens at most one ticket of a schedule
             * @default next_working_day
             * @enum {string|null}
             */
            onNonWorkingDay?: "next_working_day" | "skip" | null;
            /** @description how many tickets it opened */
            opened: number;
            /** @description 首问责任人 of its tickets: who made or last changed it */
            ownerId: string;
            /**
             * @default normal
             * @enum {string|null}
             */
            priority?: "low" | "normal" | "high" | "urgent" | null;
            /** @example P001 */
            projectCode: string;
            /** @description the latest it opened, newest first (on GET by id) */
            recent?: components["schemas"]["OpenedOccurrenceView"][];
            recurrence: components["schemas"]["ScheduleRecurrenceDto"];
            /**
             * Format: date
             * @description the first day an occurrence may fall on; at most 92 days back (what it missed since opens at once)
             * @example 2026-12-03
             */
            startsOn: string;
            /**
             * @description local time (the calendar’s zone) at which each ticket opens
             * @default 09:00
             * @example 09:00
             */
            timeOfDay?: string | null;
            /** Format: date-time */
            updatedAt: string;
            /** @description the ETag an If-Match on PUT or DELETE compares with */
            version: number;
        };
        TicketsSuggestionView: {
            evaluation?: components["schemas"]["SuggestionEvaluationView"];
            forwardedTo?: components["schemas"]["SuggestionForwardView"];
            implementation?: components["schemas"]["SuggestionImplementationView"];
            reward?: components["schemas"]["SuggestionRewardView"];
        };
        TicketSummaryView: {
            byChannel: {
                [key: string]: number;
            };
            byProject: {
                [key: string]: number;
            };
            bySection: {
                [key: string]: number;
            };
            /** Format: date-time */
            from: string;
            ticketsOpened: number;
            /** Format: date-time */
            to: string;
        };
        TicketView: {
            approvedReply?: components["schemas"]["ApprovedReplyView"];
            building?: string;
            /**
             * @description present when a clock is timed by a calendar stored before the limits it now breaks (more than 8 working intervals a day, a holiday or 调休 name over 100 characters) or stored without working time: those calendars, to be corrected with `PUT /v1/calendars/{id}`; until then such clocks are shown as last planned (their `calendarNeedsCorrection`), and a change that needs their calendar is refused 422 `CALENDAR.NEEDS_CORRECTION` or `CALENDAR.NO_WORKING_TIME`
             * @example [
             *       "harbour"
             *     ]
             */
            calendarsNeedingCorrection?: string[];
            /**
             * @description `schedule`: opened by a recurring schedule (周期工单), see `origin`
             * @enum {string}
             */
            channel: "phone" | "email" | "sms" | "wechat" | "qq" | "walk_in" | "web_chat" | "social" | "letter" | "schedule";
            clocks: components["schemas"]["ClockViewDto"][];
            /** Format: date-time */
            closedAt?: string;
            /**
             * Format: uuid
             * @description the contact that opened it; a scheduled ticket, which no contact raised, names itself
             */
            contactId: string;
            /** @description the opening contact and every follow-up, oldest first (in GET /v1/tickets/{id}) */
            contacts?: components["schemas"]["LinkedContactView"][];
            /** Format: date-time */
            createdAt: string;
            /**
             * Format: uuid
             * @description for a scheduled ticket, which serves no one customer: the schedule
             */
            customerId: string;
            /**
             * @description masked; a pseudonym once the customer was erased; a scheduled ticket’s schedule name
             * @example 张*
             */
            customerName: string;
            /** @description what the customer asked (in GET /v1/tickets/{id}); the full text is read from intake at `GET /v1/contacts/{contactId}` (personal data masked unless `customer.pii.read` and `X-Access-Purpose`) */
            demand?: components["schemas"]["DemandView"];
            department?: string;
            /** @description 0 none, 1 supervisor/leaders, 2 manager */
            escalationLevel: number;
            extensionCount: number;
            /** @enum {string} */
            grade: "general" | "major";
            handler?: string;
            /** @description who did what when (in GET /v1/tickets/{id}) */
            history?: components["schemas"]["HistoryEntryView"][];
            /** Format: uuid */
            id: string;
            /**
             * Format: uuid
             * @description 群发事件 — the incident this ticket is a child of (`GET /v1/incidents/{id}`): its own clocks stopped when it joined, and it is resolved with the incident
             */
            incidentId?: string;
            /** @description 群发事件 — open incidents about this ticket’s item and place (its building, or no building), newest first, that it may join in one call: `POST /v1/incidents/{id}/children` (in GET /v1/tickets/{id}; empty once it is a child or no longer open) */
            incidentSuggestions?: components["schemas"]["IncidentSuggestionView"][];
            itemCode?: string;
            /**
             * Format: uuid
             * @description 工单合并 — closed as merged into this ticket; read-only, act on that one
             */
            mergedInto?: string;
            /** @example TK-20261124-000123 */
            number: string;
            /** Format: date-time */
            occurredAt: string;
            /**
             * Format: date-time
             * @description 上门 — when the handler first arrived on site (POST /v1/tickets/{id}/arrival)
             */
            onSiteAt?: string;
            /** @description opinions asked while researching a complaint’s answer */
            opinions?: components["schemas"]["OpinionView"][];
            origin?: components["schemas"]["TicketOriginView"];
            /** @description 首问责任人 */
            ownerId: string;
            policyId?: string;
            /** @description 协同提示 — the other people viewing or editing the ticket now, editors first (in GET /v1/tickets/{id}; empty when the presence store is down) */
            presence?: components["schemas"]["PresenceView"][];
            /** @enum {string} */
            priority: "low" | "normal" | "high" | "urgent";
            projectCode?: string;
            promisedReply?: string;
            /** @description 处理记录是否完整 — what the record lacks of what the regulations ask it to hold, empty when complete; counted when the ticket is closed (`recordCompletenessRate`, docs/kpis.md): item, project, building and room (as the catalogue item’s `place` asked when the ticket was classified), validity (a repair or complaint never judged), department (valid, never dispatched), suggestion_evaluation; the item and the place are completed with `POST /v1/tickets/{id}/record`. Empty for routine work a schedule opened, which is not judged */
            recordGaps: ("item" | "project" | "building" | "room" | "validity" | "department" | "suggestion_evaluation")[];
            reopenCount: number;
            /** @description 催办 — contacts after the first */
            repeatContactCount: number;
            resolution?: string;
            /** Format: date-time */
            resolvedAt?: string;
            room?: string;
            sectionCode?: string;
            /** @enum {string} */
            status: "new" | "dispatched" | "in_progress" | "awaiting_customer" | "resolved" | "closed";
            suggestion?: components["schemas"]["TicketsSuggestionView"];
            /** @description the unified answer (统一答复) an invalid matter was explained with */
            unifiedAnswerId?: string;
            /** @enum {string} */
            validity: "pending" | "valid" | "invalid" | "out_of_scope";
            version: number;
        };
        TierDto: {
            /**
             * @description points deducted in this tier
             * @example 1
             */
            deduction: number;
            /**
             * @description the tier applies from this fraction (inclusive) up to the next tier
             * @example 0.95
             */
            min: number;
        };
        TopicCountView: {
            /** @description count − previous */
            change: number;
            /** @description consultation tickets of this item received in the period */
            count: number;
            /** @example consultation.property_service */
            itemCode: string;
            /** @description the same in the preceding period */
            previous: number;
        };
        TopicsView: {
            /**
             * Format: date-time
             * @description start of the period, inclusive
             */
            from: string;
            /**
             * Format: date-time
             * @description start of the preceding period of the same length, which the trend compares with
             */
            previousFrom: string;
            /**
             * Format: date-time
             * @description end of the period, exclusive
             */
            to: string;
            topics: components["schemas"]["TopicCountView"][];
        };
        UnitDto: {
            /**
             * @description a code naming the place, shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 CUSTOMER.PERSONAL_DATA naming it
             * @example 3
             */
            building?: string | null;
            /** @example P001 */
            projectCode: string;
            /** @enum {string} */
            relation: "owner" | "tenant" | "family" | "other";
            /**
             * @description a code naming the place, shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 CUSTOMER.PERSONAL_DATA naming it
             * @example 1202
             */
            room?: string | null;
        };
        UpdateAnswerDto: {
            /** @description markdown */
            body?: string;
            /**
             * Format: date-time
             * @example 2026-01-01T00:00:00+08:00
             */
            effectiveFrom?: string | null;
            /**
             * Format: date-time
             * @example 2026-12-31T23:59:59+08:00
             */
            effectiveTo?: string | null;
            /** @example consultation.property_service */
            itemCode?: string | null;
            /**
             * @description the projects the answer is for; null or absent: every project
             * @example [
             *       "P001"
             *     ]
             */
            projects?: string[] | null;
            questions?: string[];
            /**
             * Format: date
             * @description 复核日期: after it the answer is flagged for review
             * @example 2027-06-30
             */
            reviewBy?: string | null;
            /**
             * @description the catalogue section; a code shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 ANSWER.PERSONAL_DATA naming it
             * @example consultation
             */
            sectionCode?: string | null;
            /**
             * @description the department whose opinion the answer states; a code shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 ANSWER.PERSONAL_DATA naming it
             * @example property_management
             */
            sourceDepartment?: string | null;
            /**
             * @description an empty list clears them; a code shown and published as given: one holding a phone number, an e-mail address or an ID number is 422 ANSWER.PERSONAL_DATA (e.g. `tags[2]`) naming it
             * @example [
             *       "物业费",
             *       "缴费"
             *     ]
             */
            tags?: string[];
            /** @description not null: an answer always has a title */
            title?: string;
        };
        UpdateCustomerDto: {
            address?: string | null;
            /**
             * Format: date
             * @description YYYY-MM-DD; null removes it
             * @example 1985-06-18
             */
            birthDate?: string | null;
            /** Format: email */
            email?: string | null;
            name?: string;
            phones?: string[] | null;
            purchase?: components["schemas"]["PurchaseDto"] | null;
            /** @description lower-case snake_case codes, shown and published as given (customer.registered, customer.updated): one holding a phone number or an ID number is 422 CUSTOMER.PERSONAL_DATA naming it (tags[1]) */
            tags?: string[] | null;
            units?: components["schemas"]["UnitDto"][] | null;
        };
        UpdateWebhookSubscriptionDto: {
            /**
             * @description a paused subscription gets no new deliveries and its pending ones wait
             * @example false
             */
            active?: boolean | null;
            /**
             * @example [
             *       "major_complaint"
             *     ]
             */
            eventTypes?: ("major_complaint" | "escalated" | "sla_warning" | "sla_breached" | "incident_escalated" | "incident_sla_warning" | "incident_sla_breached" | "callback_questionnaire" | "report_generated" | "incident_update")[] | null;
            /** @example 钉钉 · 工程部 */
            name?: string | null;
            /**
             * Format: uri
             * @description receives a signed POST per notification. 422 for a URL this deployment cannot deliver to: plain http in production (WEBHOOK_SUBSCRIPTION.HTTPS_REQUIRED), or a port outside those its network opens (WEBHOOK_SUBSCRIPTION.PORT_NOT_REACHABLE; 443 in the shipped k8s manifests), or a host given as a private, loopback or link-local address outside the networks the deployment allows (WEBHOOK_SUBSCRIPTION.ADDRESS_NOT_ALLOWED), or a user name or password in the URL (WEBHOOK_SUBSCRIPTION.CREDENTIALS_IN_URL). A host name resolving only to such addresses is refused at each attempt, the delivery failing with "address not allowed"
             * @example https://gateway.example.com/cs/v2/notifications
             */
            url?: string | null;
        };
        ValidityDto: {
            /** @description unified answer used (统一答复语) */
            answerId?: string | null;
            /** @enum {string} */
            decision: "valid" | "invalid" | "out_of_scope";
            /**
             * @description complaints: major escalates to leaders at once
             * @enum {string|null}
             */
            grade?: "general" | "major" | null;
            /** @description the explanation given (invalid) or why (out of scope) */
            reason?: string | null;
            /**
             * @description where the customer was directed (out of scope)
             * @example 12345 市民服务热线
             */
            redirectTo?: string | null;
        } & ({
            /** @enum {unknown} */
            decision?: "valid";
        } | ({
            /** @enum {unknown} */
            decision?: "invalid";
        } | {
            reason: string;
        } | {
            answerId: string;
        }) | {
            /** @enum {unknown} */
            decision?: "out_of_scope";
            redirectTo: string;
        });
        VersionDiffView: {
            /** Format: uuid */
            answerId: string;
            /** @description the body, line by line; each run of changed lines shows its added lines, then its removed ones */
            body: components["schemas"]["LineChangeView"][];
            /** @description false when the bodies differ in more than 1000 lines added and removed: the part between their common first and last lines is then shown added, then removed, whole (ADR 0088) */
            bodyLineByLine: boolean;
            fields: components["schemas"]["FieldChangeView"][];
            from: number;
            to: number;
        };
        WebhookDeliveryPage: {
            items: components["schemas"]["WebhookDeliveryView"][];
            /**
             * @description pass as `cursor` for the next (older) page
             * @example czEx
             */
            nextCursor?: string;
        };
        WebhookDeliveryView: {
            /** @example 2 */
            attempts: number;
            /**
             * Format: date-time
             * @example 2026-10-08T02:15:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-10-08T02:16:01.000Z
             */
            deliveredAt?: string;
            /**
             * @example major_complaint
             * @enum {string}
             */
            eventType: "major_complaint" | "escalated" | "sla_warning" | "sla_breached" | "incident_escalated" | "incident_sla_warning" | "incident_sla_breached" | "callback_questionnaire" | "report_generated" | "incident_update";
            /**
             * Format: uuid
             * @description also sent as `X-CS-Delivery`, for receivers to drop repeats
             * @example 2c4e6a8b-0d1f-4a3c-9e5b-7d9f1b3d5f7a
             */
            id: string;
            /**
             * Format: date-time
             * @example 2026-10-08T02:15:30.000Z
             */
            lastAttemptAt?: string;
            /**
             * @description why the last attempt got no answer
             * @example no answer within 5000 ms
             */
            lastError?: string;
            /**
             * @description HTTP status of the last answer
             * @example 503
             */
            lastStatusCode?: number;
            /**
             * Format: date-time
             * @description pending: when it is tried next
             * @example 2026-10-08T02:16:00.000Z
             */
            nextAttemptAt?: string;
            /**
             * Format: uuid
             * @description the notification, or outbound message (questionnaire link, report), delivered
             * @example 6d1f0a9e-3c1b-4f7a-8f0e-2b9d5c4a7e11
             */
            notificationId: string;
            /**
             * @example pending
             * @enum {string}
             */
            status: "pending" | "delivered" | "failed";
        };
        WebhookSubscriptionList: {
            items: components["schemas"]["WebhookSubscriptionView"][];
        };
        WebhookSubscriptionView: {
            /** @example true */
            active: boolean;
            /**
             * Format: date-time
             * @example 2026-10-01T01:00:00.000Z
             */
            createdAt: string;
            /** @example admin-1 */
            createdBy: string;
            /**
             * @example [
             *       "major_complaint",
             *       "sla_breached"
             *     ]
             */
            eventTypes: ("major_complaint" | "escalated" | "sla_warning" | "sla_breached" | "incident_escalated" | "incident_sla_warning" | "incident_sla_breached" | "callback_questionnaire" | "report_generated" | "incident_update")[];
            /**
             * Format: uuid
             * @example 9a7c1d2e-5b3f-4e6a-8c0d-1f2e3a4b5c6d
             */
            id: string;
            /** @example 企业微信 · 领导群 */
            name: string;
            /** @example P001 */
            projectCode?: string;
            /**
             * Format: date-time
             * @example 2026-10-01T01:00:00.000Z
             */
            updatedAt: string;
            /**
             * Format: uri
             * @example https://gateway.example.com/cs/notifications
             */
            url: string;
        };
        WeeklyHoursDto: {
            /**
             * @description [start, end) pairs of local wall-clock times "HH:MM", sorted, not overlapping; [] for a day off
             * @example [
             *       [
             *         "08:30",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:30"
             *       ]
             *     ]
             */
            fri: string[][];
            /**
             * @description [start, end) pairs of local wall-clock times "HH:MM", sorted, not overlapping; [] for a day off
             * @example [
             *       [
             *         "08:30",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:30"
             *       ]
             *     ]
             */
            mon: string[][];
            /**
             * @description [start, end) pairs of local wall-clock times "HH:MM", sorted, not overlapping; [] for a day off
             * @example []
             */
            sat: string[][];
            /**
             * @description [start, end) pairs of local wall-clock times "HH:MM", sorted, not overlapping; [] for a day off
             * @example []
             */
            sun: string[][];
            /**
             * @description [start, end) pairs of local wall-clock times "HH:MM", sorted, not overlapping; [] for a day off
             * @example [
             *       [
             *         "08:30",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:30"
             *       ]
             *     ]
             */
            thu: string[][];
            /**
             * @description [start, end) pairs of local wall-clock times "HH:MM", sorted, not overlapping; [] for a day off
             * @example [
             *       [
             *         "08:30",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:30"
             *       ]
             *     ]
             */
            tue: string[][];
            /**
             * @description [start, end) pairs of local wall-clock times "HH:MM", sorted, not overlapping; [] for a day off
             * @example [
             *       [
             *         "08:30",
             *         "12:00"
             *       ],
             *       [
             *         "13:30",
             *         "17:30"
             *       ]
             *     ]
             */
            wed: string[][];
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    AnswersController_list: {
        parameters: {
            query?: {
                /** @description from a previous page */
                cursor?: string;
                item?: string;
                limit?: number;
                status?: "draft" | "submitted" | "published" | "retired" | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerPage"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AnswersController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAnswerDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    /** @description the working copy’s version; send it as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AnswersController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description the working copy’s version; send it as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AnswersController_edit: {
        parameters: {
            query?: never;
            header?: {
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateAnswerDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description the working copy’s version; send it as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AnswersController_approve: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description the working copy’s version; send it as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AnswersController_reject: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RejectAnswerDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    /** @description the working copy’s version; send it as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AnswersController_retire: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description the working copy’s version; send it as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AnswersController_submit: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description the working copy’s version; send it as If-Match */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AnswersController_versions: {
        parameters: {
            query?: {
                /** @description from a previous page */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerVersionList"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AnswersController_version: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
                version: number;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerVersionView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AnswersController_diff: {
        parameters: {
            query: {
                from: number;
                to: number;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["VersionDiffView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ReplyDraftsController_draft: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DraftFromReplyDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnswerView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AnswersController_search: {
        parameters: {
            query: {
                item?: string;
                limit?: number;
                /** @description only answers for this project (and for every project) */
                project?: string;
                /** @description Chinese (simplified or traditional), pinyin or its initials, English, digits */
                q: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SearchResultView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CalendarsController_read: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description 1–63 of a–z, 0–9, "_", "-"; `default` is the calendar SLA policies use unless they name another */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description the calendar version */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CalendarsController_replace: {
        parameters: {
            query?: never;
            header?: {
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                /** @description 1–63 of a–z, 0–9, "_", "-"; `default` is the calendar SLA policies use unless they name another */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CalendarDocumentDto"];
            };
        };
        responses: {
            /** @description replaced */
            200: {
                headers: {
                    /** @description the calendar version */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarViewDto"];
                };
            };
            /** @description created */
            201: {
                headers: {
                    /** @description the calendar version */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CalendarsController_add: {
        parameters: {
            query: {
                /** @description ISO-8601 instant with Z or an offset */
                from: string;
                /** @description whole working days, 0–9999: the close of the Nth working day after `from` */
                workingDays?: string;
                /** @description working hours, 0–99999.999999 */
                workingHours?: string;
                /** @description working minutes, 0–9999999.999999 */
                workingMinutes?: string;
            };
            header?: never;
            path: {
                /** @description 1–63 of a–z, 0–9, "_", "-"; `default` is the calendar SLA policies use unless they name another */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarDueDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CallbackPlansController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackPlansView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CallbackPlansController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CallbackPlanDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackPlanView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CallbackPlansController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackPlanView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CallbackPlansController_stop: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackPlanView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CallbackPoliciesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackPoliciesView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CallbackPoliciesController_replace: {
        parameters: {
            query?: never;
            header?: {
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CallbackPoliciesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackPoliciesView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CallbacksController_list: {
        parameters: {
            query?: {
                /** @description `me` for the caller’s own callbacks, or a user id */
                assignee?: string;
                /** @description callbacks that may be tried by this instant: those waiting for their next attempt after an unanswered one (`nextAttemptAt` later) are left out. Pass now for the calls to make now (ADR 0082) */
                callableAt?: string;
                /** @description pass the previous page’s `nextCursor` */
                cursor?: string;
                /** @description callbacks due before this instant */
                dueBefore?: string;
                limit?: number;
                /** @description due: open and not yet past its due time; overdue: open past it */
                status?: "due" | "overdue" | "done" | "failed" | "cancelled" | null;
                ticketId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackPage"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CallbacksController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackDetailView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CallbacksController_attempt: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AttemptDto"];
            };
        };
        responses: {
            /** @description The callback after the attempt. */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallbackView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CallbacksController_held: {
        parameters: {
            query?: {
                /** @description held for this calendar */
                calendarId?: string;
                /** @description pass the previous page’s `nextCursor`, with the same filters */
                cursor?: string;
                limit?: number;
                /** @description of this project (one outside your projects lists none) */
                projectCode?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HeldCallbacksView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CallbacksController_missed: {
        parameters: {
            query?: {
                /** @description tickets closed before this instant */
                closedBefore?: string;
                /** @description tickets closed at or after this instant */
                closedFrom?: string;
                /** @description pass the previous page’s `nextCursor`, with the same `closedFrom` and `closedBefore` */
                cursor?: string;
                /** @description tickets per page */
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MissedCallbacksView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    FollowedTicketsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                ticketId: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FollowedTicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CatalogueController_read: {
        parameters: {
            query?: {
                /** @description include retired sections and items (default false) */
                includeInactive?: "true" | "false" | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    /** @description the catalogue version */
                    ETag?: string;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CatalogueController_replace: {
        parameters: {
            query?: never;
            header?: {
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutCatalogueDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CatalogueViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ChangeNoticesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeNoticeList"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ChangeNoticesController_file: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FileChangeNoticeDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeNoticeView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ChangeNoticesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ChangeNoticeView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ChangeNoticesController_openReviews: {
        parameters: {
            query?: {
                limit?: number;
                /** @description only reviews past their deadline */
                overdue?: "true" | "false" | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ReviewList"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ContactsController_list: {
        parameters: {
            query?: {
                /** @description nextCursor of the previous page */
                cursor?: string;
                /** @description the customer’s contacts; give this or ticketId, not both */
                customerId?: string;
                limit?: number;
                /** @description the contacts about a ticket (the one that opened it and its follow-ups); give this or customerId */
                ticketId?: string;
            };
            header?: {
                /** @description why personal data is read (e.g. 回电核实); with `customer.pii.read`, the content is shown unmasked and the read is logged; percent-encoded (UTF-8) when not ASCII. One holding a control character is 400 naming `X-Access-Purpose` */
                "X-Access-Purpose"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactPageDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ContactsController_record: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RecordContactDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedContactDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ContactsController_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description why personal data is read (e.g. 回电核实); with `customer.pii.read`, the content is shown unmasked and the read is logged; percent-encoded (UTF-8) when not ASCII. One holding a control character is 400 naming `X-Access-Purpose` */
                "X-Access-Purpose"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ContactViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CustomersController_search: {
        parameters: {
            query?: {
                building?: string;
                email?: string;
                /** @description exact full name */
                name?: string;
                /** @description any format */
                phone?: string;
                projectCode?: string;
                /** @description why personal data is read (logged with unmasked reads); one line, without control characters */
                purpose?: string;
                room?: string;
            };
            header?: {
                /** @description why personal data is read (e.g. 回电核实); required, with `customer.pii.read`, for an unmasked view, and logged with it; percent-encoded (UTF-8) when not ASCII. One holding a control character is 400 naming `X-Access-Purpose` */
                "X-Access-Purpose"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerListDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CustomersController_register: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description why personal data is read (e.g. 回电核实); required, with `customer.pii.read`, for an unmasked view, and logged with it; percent-encoded (UTF-8) when not ASCII. One holding a control character is 400 naming `X-Access-Purpose` */
                "X-Access-Purpose"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["RegisterCustomerDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CustomersController_get: {
        parameters: {
            query?: never;
            header?: {
                /** @description why personal data is read (e.g. 回电核实); required, with `customer.pii.read`, for an unmasked view, and logged with it; percent-encoded (UTF-8) when not ASCII. One holding a control character is 400 naming `X-Access-Purpose` */
                "X-Access-Purpose"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CustomersController_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
                /** @description why personal data is read (e.g. 回电核实); required, with `customer.pii.read`, for an unmasked view, and logged with it; percent-encoded (UTF-8) when not ASCII. One holding a control character is 400 naming `X-Access-Purpose` */
                "X-Access-Purpose"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateCustomerDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CustomersController_erase: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["EraseCustomerDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CustomersController_merge: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description why personal data is read (e.g. 回电核实); required, with `customer.pii.read`, for an unmasked view, and logged with it; percent-encoded (UTF-8) when not ASCII. One holding a control character is 400 naming `X-Access-Purpose` */
                "X-Access-Purpose"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MergeCustomersDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CustomersController_merges: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CustomerMergeListDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    CustomersController_lookup: {
        parameters: {
            query: {
                /** @description the calling number, any common format */
                phone: string;
            };
            header?: {
                /** @description why personal data is read (e.g. 回电核实); required, with `customer.pii.read`, for an unmasked view, and logged with it; percent-encoded (UTF-8) when not ASCII. One holding a control character is 400 naming `X-Access-Purpose` */
                "X-Access-Purpose"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CallerLookupDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GapsController_list: {
        parameters: {
            query?: {
                item?: string;
                limit?: number;
                status?: "open" | "drafted" | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GapList"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    GapsController_draft: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["DraftFromGapDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["GapDraftView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    InboundController_receive: {
        parameters: {
            query?: never;
            header: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                "X-Delivery-Id": string;
                "X-Signature": string;
                "X-Timestamp": string;
            };
            path: {
                channel: "email" | "sms" | "wechat" | "qq" | "web_chat" | "social";
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["InboundMessageDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RecordedContactDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description RATE_LIMIT.EXCEEDED: too many requests; retry after the number of seconds in Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    IncidentsController_list: {
        parameters: {
            query?: {
                building?: string;
                /** @description the `nextCursor` of the previous page */
                cursor?: string;
                itemCode?: string;
                limit?: number;
                projectCode?: string;
                status?: "open" | "resolved" | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentPage"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    IncidentsController_declare: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DeclareIncidentDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    IncidentsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    IncidentsController_candidates: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentChildrenView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    IncidentsController_children: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentChildrenView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    IncidentsController_linkTickets: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["LinkTicketsDto"];
            };
        };
        responses: {
            /** @description The incident after the command, with its updates and history; its ETag is the new version. `If-Match` is honoured when sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    IncidentsController_dispatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DispatchDto"];
            };
        };
        responses: {
            /** @description The incident after the command, with its updates and history; its ETag is the new version. `If-Match` is honoured when sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    IncidentsController_resolve: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolveIncidentDto"];
            };
        };
        responses: {
            /** @description The incident after the command, with its updates and history; its ETag is the new version. `If-Match` is honoured when sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    IncidentsController_resolveChildren: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The incident after the command, with its updates and history; its ETag is the new version. `If-Match` is honoured when sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    IncidentsController_update: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["IncidentUpdateDto"];
            };
        };
        responses: {
            /** @description The incident after the command, with its updates and history; its ETag is the new version. `If-Match` is honoured when sent. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["IncidentView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    DemandController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ItemDemandList"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    KpisController_kpis: {
        parameters: {
            query: {
                /** @description A month (`2026-11`), ISO week (`2026-W48`) or day (`2026-11-05`) in the company timezone (Asia/Shanghai by default), or a date-time with offset. Inclusive. */
                from: string;
                /** @description agent = the first-contact owner (首问责任人) of tickets, the assignee of callbacks */
                groupBy?: "section" | "item" | "channel" | "project" | "department" | "agent" | null;
                /** @description up to 50 project codes, comma-separated; absent: every project you may see */
                project?: string;
                /** @description A month (`2026-11`), ISO week (`2026-W48`) or day (`2026-11-05`) in the company timezone (Asia/Shanghai by default), or a date-time with offset. A month, week or day is inclusive (ends with it); a date-time is exclusive. Defaults to `from`. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["KpiReportView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    KpisController_tickets: {
        parameters: {
            query: {
                /** @description A month (`2026-11`), ISO week (`2026-W48`) or day (`2026-11-05`) in the company timezone (Asia/Shanghai by default), or a date-time with offset. Inclusive. */
                from: string;
                /** @description agent = the first-contact owner (首问责任人) of tickets, the assignee of callbacks */
                groupBy?: "section" | "item" | "channel" | "project" | "department" | "agent" | null;
                /** @description the group key, as in the KPI response (`none` for records without a value); needs `groupBy` */
                key?: string;
                /** @description up to 50 project codes, comma-separated; absent: every project you may see */
                project?: string;
                /** @description A month (`2026-11`), ISO week (`2026-W48`) or day (`2026-11-05`) in the company timezone (Asia/Shanghai by default), or a date-time with offset. A month, week or day is inclusive (ends with it); a date-time is exclusive. Defaults to `from`. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description CSV, UTF-8 with byte-order mark, one header row */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv": string;
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    KpisController_topics: {
        parameters: {
            query: {
                /** @description A month (`2026-11`), ISO week (`2026-W48`) or day (`2026-11-05`) in the company timezone (Asia/Shanghai by default), or a date-time with offset. Inclusive. */
                from: string;
                /** @description up to 50 project codes, comma-separated; absent: every project you may see */
                project?: string;
                /** @description A month (`2026-11`), ISO week (`2026-W48`) or day (`2026-11-05`) in the company timezone (Asia/Shanghai by default), or a date-time with offset. A month, week or day is inclusive (ends with it); a date-time is exclusive. Defaults to `from`. */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TopicsView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    NotificationsController_list: {
        parameters: {
            query?: {
                /** @description the `nextCursor` of the previous page */
                cursor?: string;
                limit?: number;
                /** @description only notifications you have not marked read */
                unread?: "true" | "false" | null;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationPage"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    NotificationsController_read: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["NotificationView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    NotificationsController_readAll: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AllReadView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    NotificationsController_stream: {
        parameters: {
            query?: {
                /** @description resume after this event id, for clients that cannot send the `Last-Event-ID` header (the header wins when both are given) */
                lastEventId?: string;
            };
            header?: {
                /** @description the id of the last event received; what came after it is sent first (empty, as a fresh EventSource sends it: from now) */
                "Last-Event-ID"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the stream, open until the client leaves, the token it was opened with expires (reconnect with a fresh one), or the client stops reading it (1 MiB behind); a resumed stream is also closed after replaying 5,000 missed notifications, or when 500 new ones arrive while its replay waits for a slow client (ADR 0179); Last-Event-ID resumes where it ended */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example id: 42
                     *     event: notification
                     *     data: {"id":"…","kind":"major_complaint",…,"read":false}
                     *
                     *     event: read
                     *     data: {"id":"…","readAt":"2026-10-08T02:20:00.000Z"}
                     */
                    "text/event-stream": {
                        /** @description for `notification`, the notification, as JSON; for `read`, `{"id": the notification’s id, "readAt": date-time}` */
                        data?: string;
                        /** @enum {string} */
                        event?: "notification" | "read";
                        /** @description the place on the stream, for Last-Event-ID */
                        id?: string;
                        /** @description milliseconds before a client reconnects */
                        retry?: number;
                    };
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    AccessLogController_list: {
        parameters: {
            query?: {
                /** @description user id (sub) of the reader */
                actor?: string;
                /** @description nextCursor of the previous page */
                cursor?: string;
                customerId?: string;
                from?: string;
                limit?: number;
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AccessLogPageDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    PraiseController_list: {
        parameters: {
            query: {
                /** @description one agent; an agent always gets their own */
                agent?: string;
                month: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PraiseListView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    PraiseController_record: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PraiseDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PraiseView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ProjectionsController_progress: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RebuildView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ProjectionsController_start: {
        parameters: {
            query?: {
                /** @description rebuild even though retention has deleted a topic’s oldest events: the figures then lack every ticket of those events */
                acceptTruncatedHistory?: "true" | "false" | null;
            };
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RebuildView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ProjectsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectListDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ProjectsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ProjectsController_put: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                code: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PutProjectDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProjectViewDto"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    QuestionnairesController_show: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description the signed link token the customer was sent */
                token: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the page with the form */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/html": string;
                };
            };
            /** @description the page saying the link is invalid: the token is longer than any link this service signs (problem+json names `token`), or the path holds a malformed percent-escape (`REQUEST.BAD_URL`) */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                    "text/html": string;
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description the page saying the link is unknown */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                    "text/html": string;
                };
            };
            /** @description the page saying the questionnaire was already answered, or is no longer needed */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                    "text/html": string;
                };
            };
            /** @description the page saying the link has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                    "text/html": string;
                };
            };
            /** @description the page saying the link is invalid: the token is longer than the router takes (1024 characters; `REQUEST.PATH_TOO_LONG`) */
            414: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                    "text/html": string;
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description the page saying to try again in the seconds of Retry-After: too many requests from this client (`RATE_LIMIT.EXCEEDED`) */
            429: {
                headers: {
                    /** @description seconds to wait before opening the link again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                    "text/html": string;
                };
            };
            /** @description the page saying to try again in the seconds of Retry-After: the service cannot answer now (`DEPENDENCY.UNAVAILABLE`) */
            503: {
                headers: {
                    /** @description seconds to wait before opening the link again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                    "text/html": string;
                };
            };
            /** @description any other error, as a page or as problem+json alike */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                    "text/html": string;
                };
            };
        };
    };
    QuestionnairesController_answer: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path: {
                /** @description the signed link token the customer was sent */
                token: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["QuestionnaireAnswerDto"];
            };
        };
        responses: {
            /** @description recorded */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The link has expired (`QUESTIONNAIRE.EXPIRED`), whether before the answer came or while it waited for the callback. */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description RATE_LIMIT.EXCEEDED: too many requests; retry after the number of seconds in Retry-After. */
            429: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ReportsController_monthlyReport: {
        parameters: {
            query: {
                /** @description the month, in the company timezone */
                month: string;
                /** @description up to 50 project codes, comma-separated; absent: every project you may see */
                project?: string;
            };
            header?: {
                /** @description application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, text/html */
                accept?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON as below; the other formats hold the same figures */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MonthlyReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["MonthlyReportView"];
                    "text/csv": components["schemas"]["MonthlyReportView"];
                    "text/html": components["schemas"]["MonthlyReportView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ReportsController_summary: {
        parameters: {
            query?: {
                /** @description inclusive; 366 days before `to` when left out */
                from?: string;
                /** @description exclusive; 366 days after `from` when left out, now when both are */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketSummaryView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ReportsController_weeklyReport: {
        parameters: {
            query: {
                /** @description up to 50 project codes, comma-separated; absent: every project you may see */
                project?: string;
                /** @description the ISO week, in the company timezone */
                week: string;
            };
            header?: {
                /** @description application/json, text/csv, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, text/html */
                accept?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description JSON as below; the other formats hold the same figures */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["MonthlyReportView"];
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": components["schemas"]["MonthlyReportView"];
                    "text/csv": components["schemas"]["MonthlyReportView"];
                    "text/html": components["schemas"]["MonthlyReportView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ScorecardSchemesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScorecardSchemeView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ScorecardSchemesController_put: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ScorecardSchemeDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScorecardSchemeView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ScorecardsController_list: {
        parameters: {
            query: {
                /** @description one agent; an agent always gets their own */
                agent?: string;
                month: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScorecardListView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SlaPoliciesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPoliciesView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SlaPoliciesController_replace: {
        parameters: {
            query?: never;
            header?: {
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PoliciesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SlaPoliciesView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SpotChecksController_list: {
        parameters: {
            query: {
                /** @description one agent; an agent always gets their own */
                agent?: string;
                month: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotCheckListView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SpotChecksController_record: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SpotCheckDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SpotCheckView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SuggestionsController_list: {
        parameters: {
            query?: {
                /** @description with text: answers of this item first */
                item?: string;
                /** @description a question to suggest answers for now */
                text?: string;
                /** @description the ticket whose stored suggestions to read */
                ticketId?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SuggestionList"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SuggestionsController_feedback: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["FeedbackDto"];
            };
        };
        responses: {
            /** @description recorded */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SynonymsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SynonymGroupList"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SynonymsController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SynonymGroupDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SynonymGroupView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SynonymsController_replace: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SynonymGroupDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SynonymGroupView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SynonymsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketSchedulesController_list: {
        parameters: {
            query?: {
                /** @description only this project’s (within yours) */
                project?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketSchedulesView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketSchedulesController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketScheduleDto"];
            };
        };
        responses: {
            /** @description the schedule with its next occurrence; its ETag is the version */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketScheduleView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketSchedulesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketScheduleView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketSchedulesController_replace: {
        parameters: {
            query?: never;
            header?: {
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["TicketScheduleUpdateDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketScheduleView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketSchedulesController_delete: {
        parameters: {
            query?: never;
            header?: {
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_list: {
        parameters: {
            query?: {
                /** @description handler user id (same as `handler`) */
                assignee?: string;
                breached?: "true" | "false" | null;
                /** @description the ticket a contact opened or joined */
                contactId?: string;
                cursor?: string;
                customer?: string;
                department?: string;
                dueBefore?: string;
                /** @description open tickets not overdue whose nearest deadline falls within this many minutes */
                dueWithinMinutes?: number;
                /** @description 0 none, 1 supervisor/leaders, 2 manager */
                escalationLevel?: 0 | 1 | 2 | null;
                grade?: "general" | "major" | null;
                /** @description handler user id */
                handler?: string;
                item?: string;
                limit?: number;
                /** @description tickets the caller owns or handles */
                mine?: "true" | "false" | null;
                /** @description open tickets past a deadline (or with a breached clock not yet met); false: the others */
                overdue?: "true" | "false" | null;
                /** @description 首问责任人 — the owning agent’s user id */
                owner?: string;
                project?: string;
                section?: string;
                sort?: "due" | "created" | null;
                /** @description comma-separated statuses: new, dispatched, in_progress, awaiting_customer, resolved, closed */
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketPage"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_arrival: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["ArrivalDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_close: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["NoteDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_dispatch: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["DispatchDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_escalations: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["EscalationDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_extensions: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ExtensionDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketMergesController_merges: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["MergeDto"];
            };
        };
        responses: {
            /** @description This ticket after the merge, with its contacts; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ComplaintResearchController_request: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpinionRequestDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ComplaintResearchController_record: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
                opinionId: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["OpinionRecordDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_pause: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PauseDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketPresenceController_heartbeat: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PresenceHeartbeatDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["PresenceHeartbeatView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketPresenceController_leave: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description gone from the list (also when you were not on it) */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketPresenceController_stream: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description the stream, open until the client leaves, stops reading it (1 MiB behind), the token it was opened with expires (reconnect with a fresh one), or the reader may no longer see the ticket (checked every 15 s: dispatched to another department, say; reconnecting is then 404) */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example event: presence
                     *     data: {"ticketId":"…","presence":[{"userId":"agent-8","name":"王客服","mode":"editing","since":"…"}]}
                     */
                    "text/event-stream": {
                        /** @description JSON `{ ticketId, presence: [{ userId, name, mode, since }] }`: everyone else on the ticket now */
                        data?: string;
                        /** @enum {string} */
                        event?: "presence";
                        /** @description milliseconds before a client reconnects */
                        retry?: number;
                    };
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_promise: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["PromiseDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_amendRecord: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["RecordAmendmentDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_reopen: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReopenDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_replies: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplyDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    ComplaintResearchController_approve: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ReplyApprovalDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_resolve: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ResolveDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_resume: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["NoteDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SuggestionsController_evaluation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuggestionEvaluationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SuggestionsController_forward: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuggestionForwardDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SuggestionsController_implementation: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuggestionImplementationDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    SuggestionsController_reward: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SuggestionRewardDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_validity: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
                /** @description the ETag of the version acted on (`*` or absent: any); 412 when stale */
                "If-Match"?: string | "*" | unknown;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["ValidityDto"];
            };
        };
        responses: {
            /** @description The ticket after the command; its ETag is the new version. */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description If-Match does not name the current version. */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    TicketsController_counts: {
        parameters: {
            query?: {
                /** @description handler user id (same as `handler`) */
                assignee?: string;
                breached?: "true" | "false" | null;
                /** @description the ticket a contact opened or joined */
                contactId?: string;
                customer?: string;
                department?: string;
                dueBefore?: string;
                /** @description open tickets not overdue whose nearest deadline falls within this many minutes */
                dueWithinMinutes?: number;
                /** @description 0 none, 1 supervisor/leaders, 2 manager */
                escalationLevel?: 0 | 1 | 2 | null;
                grade?: "general" | "major" | null;
                /** @description handler user id */
                handler?: string;
                item?: string;
                /** @description tickets the caller owns or handles */
                mine?: "true" | "false" | null;
                /** @description open tickets past a deadline (or with a breached clock not yet met); false: the others */
                overdue?: "true" | "false" | null;
                /** @description 首问责任人 — the owning agent’s user id */
                owner?: string;
                project?: string;
                section?: string;
                /** @description comma-separated statuses: new, dispatched, in_progress, awaiting_customer, resolved, closed */
                status?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["TicketCountsView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WebhookSubscriptionsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionList"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WebhookSubscriptionsController_create: {
        parameters: {
            query?: never;
            header?: {
                /** @description Client-chosen unique key (1–255 visible ASCII characters, bare or as a quoted string) that makes retries safe: a repeat of a completed request returns the stored response with `Idempotency-Replayed: true` instead of running it again, for 24 hours. Reusing the key with a different request is 422 `IDEMPOTENCY.KEY_REUSED`; repeating it while the first is still running is 409 `IDEMPOTENCY.IN_PROGRESS`. A command that was carried out keeps its response with its own commit, so a repeat still gets it when the cache lost it. A repeat of a command that was carried out but whose response was never kept (the service stopped in between, or it answered 5xx) has no second effect: it is 409 `IDEMPOTENCY.ALREADY_APPLIED`; read the result. A repeat is checked by the operation's roles as the first request was, and a response given under a project, role or permission the caller has lost since is withheld: 403 `IDEMPOTENCY.RIGHTS_WITHDRAWN`. */
                "Idempotency-Key"?: string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateWebhookSubscriptionDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedWebhookSubscriptionView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now, or a request with the same Idempotency-Key is still running. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WebhookSubscriptionsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WebhookSubscriptionsController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description removed */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WebhookSubscriptionsController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/json": components["schemas"]["UpdateWebhookSubscriptionDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookSubscriptionView"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The resource’s state does not allow this now. */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule, or an Idempotency-Key reused with another body. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
    WebhookSubscriptionsController_deliveries: {
        parameters: {
            query?: {
                /** @description the `nextCursor` of the previous page */
                cursor?: string;
                limit?: number;
                status?: "pending" | "delivered" | "failed" | null;
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["WebhookDeliveryPage"];
                };
            };
            /** @description A field is invalid or unknown; `errors` names each one. */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Missing, expired or invalid credentials. */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description The caller’s roles or permissions do not allow this. */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description No such resource, or not one the caller may see. */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Well-formed but refused by a business rule. */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
            /** @description Any other error, as problem details: 429 with Retry-After; 503 with Retry-After when a dependency is down or the service could not be reached; 504 `GATEWAY.UPSTREAM_TIMEOUT` when the service did not start answering in time, which for a write carries `outcome: "unknown"` (as does a 503 for a write the service went away from) and Retry-After only under an Idempotency-Key the operation declares. */
            default: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/problem+json": components["schemas"]["ProblemDetails"];
                };
            };
        };
    };
}
