// A log line into fxj_nodes with simdjson's On-Demand API (fxjson.h).
// simdjson fails a whole document for bytes that are not UTF-8 and for raw
// control characters in a string; the reader must lose only that string
// (docs/log-format.md, "Compatibility"). Such a line is validated fast and
// repaired only on failure: a bad sequence in a string becomes a lone
// surrogate escape, which fails that one string when it is read, and a
// control character becomes its escape, which reads back as itself.

#include "fxjson.h"

#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <simdjson.h>

using namespace simdjson;

namespace {

struct line_parser {
	ondemand::parser parser;
	// The line, simdjson's padding, then room for every string unescaped
	// (none is longer than its escaped form): fxj_doc.text. A string or
	// key without escapes is not copied, only pointed at.
	std::vector<uint8_t> padded;
	size_t unescaped_from = 0;
	std::vector<fxj_node> nodes;
	// Per open object: its members' node indices, to find a repeated key.
	std::vector<uint32_t> members;

	bool walk(ondemand::value value, int depth);
	bool walk_object(ondemand::object object, int depth, size_t self);
	bool walk_array(ondemand::array array, int depth, size_t self);
	bool walk_scalar(ondemand::value &value, ondemand::json_type type, fxj_node &node);
	uint32_t keep(std::string_view bytes);
	uint32_t offset_of(const char *in_line) const;
	bool load(const uint8_t *line, size_t length);
	int parse(const uint8_t *line, size_t length, fxj_doc *doc);
};

uint64_t fnv1a(const uint8_t *bytes, size_t length)
{
	uint64_t hash = 0xcbf29ce484222325ULL;
	for (size_t i = 0; i < length; i++) {
		hash ^= bytes[i];
		hash *= 0x100000001b3ULL;
	}
	return hash == FXJ_NO_KEY ? 1 : hash;
}

uint32_t line_parser::keep(std::string_view bytes)
{
	uint32_t offset = uint32_t(padded.size());
	// Within the capacity reserved in load(): the line does not move.
	padded.insert(padded.end(), bytes.begin(), bytes.end());
	return offset;
}

uint32_t line_parser::offset_of(const char *in_line) const
{
	return uint32_t(reinterpret_cast<const uint8_t *>(in_line) - padded.data());
}

bool is_unicode(std::string_view bytes)
{
	return validate_utf8(bytes.data(), bytes.size());
}

bool line_parser::walk_scalar(ondemand::value &value, ondemand::json_type type, fxj_node &node)
{
	switch (type) {
	case ondemand::json_type::string: {
		std::string_view raw = value.raw_json_token();
		size_t close = raw.rfind('"');
		if (raw.find('\\') == std::string_view::npos && close != std::string_view::npos && close > 0) {
			// Nearly every string: no escapes, valid UTF-8 since the
			// whole line is. Left unconsumed, the parent steps over it.
			node.kind = FXJ_STRING;
			node.value.s.offset = offset_of(raw.data() + 1);
			node.value.s.length = uint32_t(close - 1);
			return true;
		}
		std::string_view content;
		if (value.get_string().get(content) != SUCCESS) {
			node.kind = FXJ_BAD_STRING;
			return true;
		}
		// An escape can name a surrogate simdjson lets through unpaired.
		if (raw.find('\\') != std::string_view::npos && !is_unicode(content)) {
			node.kind = FXJ_BAD_STRING;
			return true;
		}
		node.kind = FXJ_STRING;
		node.value.s.offset = keep(content);
		node.value.s.length = uint32_t(content.size());
		return true;
	}
	case ondemand::json_type::number: {
		ondemand::number number;
		if (value.get_number().get(number) == SUCCESS) {
			switch (number.get_number_type()) {
			case ondemand::number_type::signed_integer:
				node.kind = FXJ_INT;
				node.value.i = number.get_int64();
				return true;
			case ondemand::number_type::unsigned_integer:
				node.kind = FXJ_UINT;
				node.value.u = number.get_uint64();
				return true;
			default:
				node.kind = FXJ_DOUBLE;
				node.value.d = number.get_double();
				return true;
			}
		}
		// An integer beyond 64 bits, 1e999, a leading zero: a number
		// still, that no integer field takes.
		std::string_view token = value.raw_json_token();
		std::string copy(token.substr(0, 64));
		char *end = nullptr;
		node.kind = FXJ_DOUBLE;
		node.value.d = std::strtod(copy.c_str(), &end);
		return end != copy.c_str() && std::strspn(end, " \t\r\n") == std::strlen(end);
	}
	case ondemand::json_type::boolean: {
		bool flag;
		if (value.get_bool().get(flag) != SUCCESS)
			return false;
		node.kind = flag ? FXJ_TRUE : FXJ_FALSE;
		return true;
	}
	case ondemand::json_type::null:
		if (!value.is_null())
			return false;
		node.kind = FXJ_NULL;
		return true;
	default:
		return false;
	}
}

bool line_parser::walk(ondemand::value value, int depth)
{
	size_t self = nodes.size();
	nodes.push_back(fxj_node{});
	ondemand::json_type type;
	if (value.type().get(type) != SUCCESS)
		return false;
	if (type == ondemand::json_type::object || type == ondemand::json_type::array) {
		if (depth >= FXJ_MAX_DEPTH) {
			// Left unread: the parent's iteration steps over it.
			nodes[self].kind = FXJ_TOO_DEEP;
			nodes[self].end = uint32_t(nodes.size());
			return true;
		}
		if (type == ondemand::json_type::object) {
			ondemand::object object;
			return value.get_object().get(object) == SUCCESS && walk_object(object, depth, self);
		}
		ondemand::array array;
		return value.get_array().get(array) == SUCCESS && walk_array(array, depth, self);
	}
	fxj_node node{};
	if (!walk_scalar(value, type, node))
		return false;
	node.end = uint32_t(self + 1);
	nodes[self] = node;
	return true;
}

bool line_parser::walk_array(ondemand::array array, int depth, size_t self)
{
	for (auto element : array) {
		ondemand::value value;
		if (element.get(value) != SUCCESS || !walk(value, depth + 1))
			return false;
	}
	nodes[self].kind = FXJ_ARRAY;
	nodes[self].end = uint32_t(nodes.size());
	return true;
}

bool line_parser::walk_object(ondemand::object object, int depth, size_t self)
{
	size_t first_member = members.size();
	uint64_t seen = 0;
	for (auto result : object) {
		ondemand::field field;
		if (std::move(result).get(field) != SUCCESS)
			return false;
		const char *raw = field.key().raw();
		const char *close = static_cast<const char *>(std::memchr(raw, '"', padded.size() - size_t(raw - reinterpret_cast<const char *>(padded.data()))));
		if (close == nullptr)
			return false;
		// Nearly every key is plain: taken where it lies (the line is
		// valid UTF-8 once parsed), unescaped only when it has escapes.
		// One that is not Unicode names no field.
		std::string_view key(raw, size_t(close - raw));
		bool named = true;
		if (key.find('\\') != std::string_view::npos) {
			// The closing quote found above may be an escaped one.
			if (field.unescaped_key().get(key) != SUCCESS || !is_unicode(key))
				named = false;
		}
		size_t at = nodes.size();
		if (!walk(field.value(), depth + 1))
			return false;
		if (!named)
			continue;
		fxj_node &node = nodes[at];
		node.key_hash = fnv1a(reinterpret_cast<const uint8_t *>(key.data()), key.size());
		node.key_offset = key.data() == raw ? offset_of(raw) : keep(key);
		node.key_length = uint32_t(key.size());
		// A repeated key: the last one wins, as most parsers have it. A
		// bit per hash's low six bits spares the search for most keys.
		uint64_t bit = uint64_t(1) << (node.key_hash & 63);
		if (seen & bit)
			for (size_t i = first_member; i < members.size(); i++) {
				fxj_node &earlier = nodes[members[i]];
				if (earlier.key_hash == node.key_hash && earlier.key_length == node.key_length &&
				    std::memcmp(&padded[earlier.key_offset], &padded[node.key_offset], node.key_length) == 0)
					earlier.key_hash = FXJ_NO_KEY;
			}
		seen |= bit;
		members.push_back(uint32_t(at));
	}
	members.resize(first_member);
	nodes[self].kind = FXJ_OBJECT;
	nodes[self].end = uint32_t(nodes.size());
	return true;
}

// The length of the valid UTF-8 sequence at bytes[0], or 0 (overlong forms,
// surrogates, beyond U+10FFFF, a stray or missing continuation byte).
size_t sequence_length(const uint8_t *bytes, size_t left)
{
	uint8_t lead = bytes[0];
	size_t length;
	uint8_t low = 0x80, high = 0xBF;
	if (lead < 0x80)
		return 1;
	if (lead >= 0xC2 && lead <= 0xDF)
		length = 2;
	else if (lead >= 0xE0 && lead <= 0xEF) {
		length = 3;
		if (lead == 0xE0)
			low = 0xA0;
		if (lead == 0xED)
			high = 0x9F;
	} else if (lead >= 0xF0 && lead <= 0xF4) {
		length = 4;
		if (lead == 0xF0)
			low = 0x90;
		if (lead == 0xF4)
			high = 0x8F;
	} else
		return 0;
	if (left < length || bytes[1] < low || bytes[1] > high)
		return 0;
	for (size_t i = 2; i < length; i++)
		if (bytes[i] < 0x80 || bytes[i] > 0xBF)
			return 0;
	return length;
}

// The line again with each bad sequence inside a string as a lone
// surrogate escape, and each raw control character as its escape. Outside
// strings nothing changes: such a line is not JSON either way.
void repair(const uint8_t *line, size_t length, std::vector<uint8_t> &out)
{
	static const char hex[] = "0123456789abcdef";
	bool quoted = false;
	out.clear();
	for (size_t i = 0; i < length;) {
		uint8_t byte = line[i];
		if (!quoted || byte == '"') {
			quoted = quoted != (byte == '"');
			out.push_back(byte);
			i++;
		} else if (byte == '\\') {
			out.push_back(byte);
			if (i + 1 < length)
				out.push_back(line[i + 1]);
			i += 2;
		} else if (byte < 0x20) {
			const uint8_t escape[] = {'\\', 'u', '0', '0', uint8_t(hex[byte >> 4]), uint8_t(hex[byte & 15])};
			out.insert(out.end(), escape, escape + 6);
			i++;
		} else {
			size_t valid = sequence_length(line + i, length - i);
			if (valid == 0) {
				static const uint8_t lone[] = {'\\', 'u', 'd', '8', '0', '0'};
				out.insert(out.end(), lone, lone + 6);
				i++;
			} else {
				out.insert(out.end(), line + i, line + i + valid);
				i += valid;
			}
		}
	}
}

bool line_parser::load(const uint8_t *line, size_t length)
{
	padded.clear();
	padded.reserve(2 * length + SIMDJSON_PADDING);
	padded.assign(line, line + length);
	padded.resize(length + SIMDJSON_PADDING);
	unescaped_from = padded.size();
	return true;
}

int line_parser::parse(const uint8_t *line, size_t length, fxj_doc *doc)
{
	nodes.clear();
	members.clear();
	load(line, length);
	std::vector<uint8_t> fixed;
	for (bool repaired = false;; repaired = true) {
		size_t size = unescaped_from - SIMDJSON_PADDING;
		ondemand::document document;
		error_code error = parser.iterate(padded.data(), size, unescaped_from).get(document);
		ondemand::value root;
		if (error == SUCCESS)
			error = document.get_value().get(root);
		if ((error == UTF8_ERROR || error == UNESCAPED_CHARS) && !repaired) {
			repair(line, length, fixed);
			load(fixed.data(), fixed.size());
			continue;
		}
		// Past the root value, only the end: current_location() fails there.
		if (error != SUCCESS || !walk(root, 0) || !document.current_location().error())
			return -1;
		break;
	}
	doc->nodes = nodes.data();
	doc->count = nodes.size();
	doc->text = padded.data();
	return 0;
}

thread_local line_parser parser_of_thread;

} // namespace

extern "C" int fxj_parse(const uint8_t *line, size_t length, struct fxj_doc *doc)
{
	try {
		return parser_of_thread.parse(line, length, doc);
	} catch (...) {
		return -1;
	}
}

extern "C" uint64_t fxj_key_hash(const uint8_t *key, size_t length)
{
	return fnv1a(key, length);
}
