/**
 * Index management at start-up: the REST client from the sink settings, index mappings generated
 * from the document schemas, and creating each missing index behind its alias.
 */
package dev.denorm.sink.engine;
